/**
 * The parts of an e-mail (.eml) as a mail program shows them: headers with
 * encoded words decoded (=?UTF-8?B?…?=), and every body part and attachment
 * with its transfer encoding (base64, quoted-printable) undone, for the leak
 * scan to read each by its own type.
 */

export interface MimeLeaf {
  /** "part 2", "part 2.1": where the part sits in the message. */
  where: string;
  mediaType: string;
  charset: string | null;
  fileName: string | null;
  data: Uint8Array;
}

export interface MimeMessage {
  /** Every header of every part, unfolded and decoded. */
  headers: Array<{ where: string; text: string }>;
  leaves: MimeLeaf[];
}

const MAX_DEPTH = 8;

function decodeCharset(bytes: Uint8Array, charset: string): string {
  try {
    return new TextDecoder(charset.trim().toLowerCase()).decode(bytes);
  } catch {
    // An unknown charset label: Latin-1 keeps every byte visible.
    return Buffer.from(bytes).toString('latin1');
  }
}

function quotedPrintable(text: string, underscoresAreSpaces = false): Uint8Array {
  const source = underscoresAreSpaces ? text.replace(/_/g, ' ') : text;
  const bytes: number[] = [];
  const unfolded = source.replace(/=\r?\n/g, '');
  for (let i = 0; i < unfolded.length; i += 1) {
    const hex = unfolded.slice(i + 1, i + 3);
    if (unfolded[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      bytes.push(parseInt(hex, 16));
      i += 2;
    } else {
      bytes.push(unfolded.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(bytes);
}

/** RFC 2047 encoded words, in any charset TextDecoder knows (GB2312, Big5, ISO-2022-JP…). */
export function decodeEncodedWords(header: string): string {
  return header
    .replace(/(=\?[^?\s]+\?[BbQq]\?[^?\s]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?\s]+)\?([BbQq])\?([^?\s]*)\?=/g, (_, charset: string, encoding: string, payload: string) => {
      const bytes = encoding.toUpperCase() === 'B' ? Buffer.from(payload, 'base64') : quotedPrintable(payload, true);
      return decodeCharset(bytes, charset.replace(/\*.*$/, ''));
    });
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  for (const line of block.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.set(line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim());
  }
  return headers;
}

function parameter(header: string, name: string): string | null {
  const match = new RegExp(`;\\s*${name}\\*?=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(header);
  if (!match) return null;
  const value = match[1] ?? match[2] ?? '';
  // RFC 2231: charset'language'percent-encoded.
  const extended = /^([^']*)'[^']*'(.*)$/.exec(value);
  if (extended) {
    try {
      return decodeCharset(Buffer.from(decodeURIComponent(extended[2]!.replace(/%(?![0-9A-Fa-f]{2})/g, '%25')), 'latin1'), extended[1] || 'utf-8');
    } catch {
      return extended[2]!;
    }
  }
  return decodeEncodedWords(value);
}

/** `raw` holds the message's bytes one character per byte (Latin-1), so parts keep their own encodings. */
function parsePart(raw: string, where: string, depth: number, message: MimeMessage): void {
  const split = /\r?\n\r?\n/.exec(raw);
  const headerBlock = split ? raw.slice(0, split.index) : raw;
  const body = split ? raw.slice(split.index + split[0].length) : '';
  const headers = parseHeaders(headerBlock);
  // Header values may hold UTF-8 bytes written raw (RFC 6532).
  const utf8Headers = decodeCharset(Buffer.from(headerBlock, 'latin1'), 'utf-8');
  message.headers.push({ where, text: decodeEncodedWords(utf8Headers.replace(/\r?\n[ \t]+/g, ' ')) });
  const contentType = headers.get('content-type') ?? 'text/plain';
  const mediaType = contentType.split(';')[0]!.trim().toLowerCase();
  const boundary = parameter(contentType, 'boundary');
  if (mediaType.startsWith('multipart/') && boundary && depth < MAX_DEPTH) {
    const pieces = body.split(new RegExp(`(?:^|\\r?\\n)--${boundary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    // Before the first boundary: the preamble; after the closing "--": the epilogue. Both are readable text.
    const preamble = pieces.shift() ?? '';
    if (preamble.trim()) message.leaves.push({ where: `${where} preamble`, mediaType: 'text/plain', charset: null, fileName: null, data: Buffer.from(preamble, 'latin1') });
    pieces.forEach((piece, index) => {
      const text = piece.startsWith('--') ? piece.slice(2) : piece.replace(/^[ \t]*\r?\n/, '');
      if (piece.startsWith('--')) {
        if (text.trim()) message.leaves.push({ where: `${where} epilogue`, mediaType: 'text/plain', charset: null, fileName: null, data: Buffer.from(text, 'latin1') });
      } else {
        parsePart(text, where === 'message' ? `part ${index + 1}` : `${where}.${index + 1}`, depth + 1, message);
      }
    });
    return;
  }
  if (mediaType === 'message/rfc822' && depth < MAX_DEPTH) {
    parsePart(body, `${where} (attached message)`, depth + 1, message);
    return;
  }
  const encoding = (headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const data =
    encoding === 'base64' ? Buffer.from(body.replace(/[^A-Za-z0-9+/=]/g, ''), 'base64') : encoding === 'quoted-printable' ? quotedPrintable(body) : Buffer.from(body, 'latin1');
  const disposition = headers.get('content-disposition') ?? '';
  const fileName = parameter(disposition, 'filename') ?? parameter(contentType, 'name');
  message.leaves.push({ where, mediaType, charset: parameter(contentType, 'charset'), fileName, data });
}

export function parseMime(bytes: Uint8Array): MimeMessage {
  const message: MimeMessage = { headers: [], leaves: [] };
  parsePart(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1'), 'message', 0, message);
  return message;
}
