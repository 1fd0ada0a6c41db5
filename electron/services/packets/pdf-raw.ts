import { constants, inflateRawSync, inflateSync } from 'node:zlib';
import { markupTexts } from './text-encodings';

/**
 * A second reading of a PDF that does not trust pdf.js: every object in the
 * file, in the order written — including objects of earlier revisions
 * (incremental updates keep them), objects nothing refers to, and objects
 * packed into object streams — has its strings, names, comments and decoded
 * stream text taken out. A viewer shows none of these, but anyone can read
 * them with a text editor.
 *
 * Page text is not read here: our own PDFs draw it with subset fonts whose
 * codes are glyph numbers, and pdf.js reads it through ToUnicode. Images and
 * font programs are not decompressed (pixels and glyph outlines are not text).
 */

export interface RawPdfText {
  /** "object 12 0 (strings)", "object 7 0 in object stream 5 0 (strings)", "object 9 0 (stream text)", "outside objects (comments)". */
  field: string;
  text: string;
}

export interface RawPdfEmbeddedFile {
  field: string;
  data: Uint8Array;
}

export interface RawPdfReading {
  texts: RawPdfText[];
  /** File streams (/Type /EmbeddedFile), decoded, to be checked by their own type. */
  embedded: RawPdfEmbeddedFile[];
  /** Why part of the file could not be checked; any entry means the file must not leave. */
  problems: string[];
}

export interface RawPdfLimits {
  /** Most bytes one stream may decompress to. */
  maxStreamBytes: number;
  /** Most bytes all streams together may decompress to. */
  maxTotalBytes: number;
}

export const DEFAULT_RAW_PDF_LIMITS: RawPdfLimits = { maxStreamBytes: 64 * 1024 * 1024, maxTotalBytes: 256 * 1024 * 1024 };

const IMAGE_FILTERS = new Set(['DCTDecode', 'DCT', 'JPXDecode', 'JBIG2Decode', 'CCITTFaxDecode', 'CCF']);
const FILTER_ALIASES: Readonly<Record<string, string>> = { Fl: 'FlateDecode', AHx: 'ASCIIHexDecode', A85: 'ASCII85Decode', LZW: 'LZWDecode', RL: 'RunLengthDecode' };

class TooLarge extends Error {}

interface StreamBudget {
  used: number;
  limits: RawPdfLimits;
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * Bytes of a PDF string as text: UTF-16 with a byte-order mark, UTF-8 with
 * one or without (non-conforming writers), else PDFDocEncoding (≈ Latin-1).
 * Strings that are not text — glyph numbers drawn with subset fonts, file
 * identifiers — would only feed the scan noise that can spell a short name by
 * chance, so from a Latin-1 reading only readable runs are kept.
 */
export function pdfStringTexts(bytes: Uint8Array): string[] {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buffer[0] === 0xfe && buffer[1] === 0xff) return [new TextDecoder('utf-16be').decode(buffer.subarray(2))];
  if (buffer[0] === 0xff && buffer[1] === 0xfe) return [new TextDecoder('utf-16le').decode(buffer.subarray(2))];
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) return [buffer.toString('utf8', 3)];
  const texts = readableLatin1(buffer.toString('latin1'));
  if (buffer.some((b) => b >= 0x80)) {
    try {
      const utf8 = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
      // eslint-disable-next-line no-control-regex -- control characters are what marks bytes that are not text
      if (!/[\u0000-\u0008\u000e-\u001f]/.test(utf8)) texts.push(utf8);
    } catch {
      // Not UTF-8: the Latin-1 reading stands.
    }
  }
  return texts;
}

/** Runs of three or more readable characters, at least half of them ASCII letters, digits or spaces: text, not bytes. */
function readableLatin1(text: string): string[] {
  const runs = text.match(/[\t\n\r\u0020-\u007e\u00a0-\u00ff]{3,}/g) ?? [];
  return runs.filter((run) => (run.match(/[A-Za-z0-9 ]/g)?.length ?? 0) * 2 >= run.length);
}

const ESCAPES: Readonly<Record<string, number>> = { n: 0x0a, r: 0x0d, t: 0x09, b: 0x08, f: 0x0c, '(': 0x28, ')': 0x29, '\\': 0x5c };

/** A literal string starting at `start` (an opening parenthesis): its bytes, and where it ends. */
function literalString(source: string, start: number): { bytes: number[]; end: number } {
  const bytes: number[] = [];
  let depth = 1;
  let at = start + 1;
  while (at < source.length && depth > 0) {
    const char = source[at]!;
    if (char === '\\') {
      const next = source[at + 1] ?? '';
      if (next in ESCAPES) {
        bytes.push(ESCAPES[next]!);
        at += 2;
      } else if (/[0-7]/.test(next)) {
        const digits = /^[0-7]{1,3}/.exec(source.slice(at + 1, at + 4))![0];
        bytes.push(parseInt(digits, 8) & 0xff);
        at += 1 + digits.length;
      } else if (next === '\r' || next === '\n') {
        // A line continuation: the backslash and the line break are not part of the string.
        at += next === '\r' && source[at + 2] === '\n' ? 3 : 2;
      } else {
        at += 1;
      }
      continue;
    }
    if (char === '(') depth += 1;
    else if (char === ')') depth -= 1;
    if (depth > 0) bytes.push(char.charCodeAt(0));
    at += 1;
  }
  return { bytes, end: at };
}

function hexBytes(hex: string): number[] {
  const digits = hex.replace(/[^0-9a-fA-F]/g, '');
  const padded = digits.length % 2 === 1 ? `${digits}0` : digits;
  const bytes: number[] = [];
  for (let i = 0; i < padded.length; i += 2) bytes.push(parseInt(padded.slice(i, i + 2), 16));
  return bytes;
}

/** `/Li#20Wei` → "Li Wei". */
function nameText(name: string): string {
  return name.replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

interface Tokens {
  strings: string[];
  names: string[];
  comments: string[];
  /** Words that are none of the above and not PDF syntax (numbers, operators, keywords): text hidden in plain sight. */
  words: string[];
}

/** Content-stream operators and object keywords: syntax, not anyone's text. */
const SYNTAX_WORDS = new Set(
  (
    'b B b* B* BDC BI BMC BT BX c cm CS cs d d0 d1 Do DP EI EMC ET EX f F f* G g gs h i ID j J K k l m M MP n q Q re RG rg ri s S SC sc SCN scn sh T* Tc Td TD Tf TJ Tj TL Tm Tr Ts Tw Tz v w W W* y \' "' +
    ' obj endobj stream endstream R true false null xref trailer startxref f n'
  ).split(' '),
);
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

function wordsOf(plain: string): string[] {
  return plain.split(/[\s[\]{}<>]+/).filter((word) => word !== '' && !NUMBER.test(word) && !SYNTAX_WORDS.has(word));
}

const LINE_END = /[\r\n]/g;

/** Strings (literal and hex), names and comments of PDF syntax, in the order written. */
function tokensOf(source: string): Tokens {
  const tokens: Tokens = { strings: [], names: [], comments: [], words: [] };
  let at = 0;
  let plainStart = 0;
  while (at < source.length) {
    const char = source[at]!;
    if (char === '(' || char === '%' || char === '/' || (char === '<' && source[at + 1] !== '<')) {
      tokens.words.push(...wordsOf(source.slice(plainStart, at)));
    }
    if (char === '(') {
      const { bytes, end } = literalString(source, at);
      tokens.strings.push(...pdfStringTexts(Uint8Array.from(bytes)));
      at = end;
      plainStart = at;
    } else if (char === '<' && source[at + 1] !== '<') {
      const end = source.indexOf('>', at + 1);
      const stop = end < 0 ? source.length : end;
      tokens.strings.push(...pdfStringTexts(Uint8Array.from(hexBytes(source.slice(at + 1, stop)))));
      at = stop + 1;
      plainStart = at;
    } else if (char === '%') {
      LINE_END.lastIndex = at;
      const stop = LINE_END.exec(source)?.index ?? source.length;
      tokens.comments.push(source.slice(at + 1, stop));
      at = stop;
      plainStart = at;
    } else if (char === '/') {
      const match = /^\/[^\s()<>[\]{}/%]*/.exec(source.slice(at, at + 512))![0];
      tokens.names.push(nameText(match.slice(1)));
      at += Math.max(match.length, 1);
      plainStart = at;
    } else {
      // "<<" opens a dictionary: both characters, or the second would start a hex string.
      at += char === '<' ? 2 : 1;
    }
  }
  tokens.words.push(...wordsOf(source.slice(plainStart)));
  return tokens;
}

function pushTokens(texts: RawPdfText[], where: string, tokens: Tokens): void {
  const strings = tokens.strings.filter((s) => s.trim() !== '');
  if (strings.length > 0) {
    texts.push({ field: `${where} (strings)`, text: strings.join('\n') });
    // A name drawn as ( Li) ( Wei) or [(Li) -20 (Wei)] is whole only when the pieces are joined.
    if (strings.length > 1) texts.push({ field: `${where} (strings joined)`, text: strings.join('') });
  }
  // Structural names (/Type, /Font…) are harmless; only names with escapes or non-ASCII can hide a value, but all are cheap to check.
  const names = tokens.names.filter((n) => n.length > 1);
  if (names.length > 0) texts.push({ field: `${where} (names)`, text: names.join('\n') });
  const comments = tokens.comments.filter((c) => c.trim() !== '');
  if (comments.length > 0) texts.push({ field: `${where} (comments)`, text: comments.join('\n') });
  if (tokens.words.length > 0) texts.push({ field: `${where} (other text)`, text: tokens.words.join(' ') });
}

function filtersOf(dictionary: string): string[] {
  const match = /\/Filter\s*(\[[^\]]*\]|\/[^\s/[\]<>()]+)/.exec(dictionary);
  if (!match) return [];
  return [...match[1]!.matchAll(/\/([^\s/[\]<>()]+)/g)].map((m) => FILTER_ALIASES[m[1]!] ?? m[1]!);
}

function isImageOrFont(dictionary: string, filters: readonly string[]): boolean {
  if (/\/Subtype\s*\/Image\b/.test(dictionary) || filters.some((f) => IMAGE_FILTERS.has(f))) return true;
  // Embedded font programs: FontFile streams carry /Length1-3, CFF and OpenType ones a font /Subtype.
  return /\/Length[123]\b/.test(dictionary) || /\/Subtype\s*\/(Type1C|CIDFontType0C|OpenType)\b/.test(dictionary);
}

function inflate(data: Buffer, budget: StreamBudget): Buffer {
  const maxOutputLength = Math.min(budget.limits.maxStreamBytes, budget.limits.maxTotalBytes - budget.used) + 1;
  const options = { maxOutputLength, finishFlush: constants.Z_SYNC_FLUSH };
  try {
    return inflateSync(data, options);
  } catch (error) {
    if (error instanceof RangeError) throw new TooLarge();
    // Some writers omit the zlib header.
    try {
      return inflateRawSync(data, options);
    } catch (rawError) {
      if (rawError instanceof RangeError) throw new TooLarge();
      throw error;
    }
  }
}

function ascii85(data: Buffer): Buffer {
  const text = data.toString('latin1').replace(/\s/g, '').replace(/^<~/, '').replace(/~>.*$/, '');
  const out: number[] = [];
  let group: number[] = [];
  const flush = (count: number) => {
    while (group.length < 5) group.push(84);
    const value = group.reduce((n, d) => n * 85 + d, 0);
    const bytes = [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
    out.push(...bytes.slice(0, count));
    group = [];
  };
  for (const char of text) {
    if (char === 'z' && group.length === 0) {
      out.push(0, 0, 0, 0);
      continue;
    }
    const digit = char.charCodeAt(0) - 33;
    if (digit < 0 || digit > 84) throw new Error('not ASCII85');
    group.push(digit);
    if (group.length === 5) flush(4);
  }
  if (group.length > 0) flush(group.length - 1);
  return Buffer.from(out);
}

/** Decodes a stream through its filters; null when a filter is one this reading does not know. */
function decodeStream(data: Buffer, filters: readonly string[], budget: StreamBudget): Buffer | null {
  let out = data;
  for (const filter of filters) {
    if (filter === 'FlateDecode') out = inflate(out, budget);
    else if (filter === 'ASCIIHexDecode') out = Buffer.from(hexBytes(out.toString('latin1').replace(/>.*$/s, '')));
    else if (filter === 'ASCII85Decode') out = ascii85(out);
    else return null;
    if (out.length > budget.limits.maxStreamBytes || budget.used + out.length > budget.limits.maxTotalBytes) throw new TooLarge();
  }
  budget.used += out.length;
  return out;
}

interface PdfObject {
  id: string;
  /** Dictionary and other syntax before the stream, or the whole object without one. */
  syntax: string;
  stream: Buffer | null;
}

const OBJECT_HEADER = /(\d{1,10})\s+(\d{1,5})\s+obj\b/g;
const STREAM_KEYWORD = /\bstream(\r\n|\n|\r)/;

/** Every `N G obj … endobj` in file order, whatever the cross-reference table says; `rest` is the text outside them. */
function objectsOf(source: string, bytes: Buffer): { objects: PdfObject[]; rest: string } {
  const objects: PdfObject[] = [];
  const next = new RegExp(OBJECT_HEADER.source, 'g');
  let rest = '';
  let last = 0;
  next.lastIndex = 0;
  for (let match = next.exec(source); match; match = next.exec(source)) {
    rest += source.slice(last, match.index);
    const bodyStart = match.index + match[0].length;
    const endObj = source.indexOf('endobj', bodyStart);
    const following = new RegExp(OBJECT_HEADER.source, 'g');
    following.lastIndex = bodyStart;
    const nextHeader = following.exec(source);
    const objectEnd = Math.min(endObj < 0 ? source.length : endObj, nextHeader ? nextHeader.index : source.length);
    const body = source.slice(bodyStart, objectEnd);
    const streamAt = STREAM_KEYWORD.exec(body);
    let syntax = body;
    let stream: Buffer | null = null;
    if (streamAt) {
      const dataStart = streamAt.index + streamAt[0].length;
      const endStream = body.indexOf('endstream', dataStart);
      syntax = body.slice(0, streamAt.index) + (endStream < 0 ? '' : body.slice(endStream + 'endstream'.length));
      stream = bytes.subarray(bodyStart + dataStart, bodyStart + (endStream < 0 ? body.length : endStream));
    }
    objects.push({ id: `${match[1]} ${match[2]}`, syntax, stream });
    last = objectEnd === endObj ? objectEnd + 'endobj'.length : objectEnd;
    next.lastIndex = last;
  }
  rest += source.slice(last);
  return { objects, rest };
}

/** Objects packed into an object stream: "N offset N offset …" then the objects from /First on. */
function objectStreamMembers(dictionary: string, content: Buffer): Array<{ id: string; syntax: string }> {
  const first = Number(/\/First\s+(\d+)/.exec(dictionary)?.[1] ?? NaN);
  const text = content.toString('latin1');
  if (!Number.isInteger(first) || first > text.length) return [{ id: '?', syntax: text }];
  const numbers = text.slice(0, first).trim().split(/\s+/).map(Number);
  const members: Array<{ id: string; syntax: string }> = [];
  for (let i = 0; i + 1 < numbers.length; i += 2) {
    const start = first + numbers[i + 1]!;
    const end = i + 3 < numbers.length ? first + numbers[i + 3]! : text.length;
    members.push({ id: `${numbers[i]} 0`, syntax: text.slice(start, Math.max(start, end)) });
  }
  return members;
}

function isMostlyText(content: Buffer): boolean {
  const sample = content.subarray(0, 4096);
  let printable = 0;
  for (const b of sample) if (b >= 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) printable += 1;
  return sample.length > 0 && printable / sample.length > 0.9;
}

export function readPdfRaw(data: Uint8Array, limits: RawPdfLimits = DEFAULT_RAW_PDF_LIMITS): RawPdfReading {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const source = latin1(bytes);
  const reading: RawPdfReading = { texts: [], embedded: [], problems: [] };
  const budget: StreamBudget = { used: 0, limits };
  const { objects, rest } = objectsOf(source, bytes);
  const seen = new Map<string, number>();
  for (const object of objects) {
    // The same number written again is an incremental update: the earlier version is still in the file.
    const version = (seen.get(object.id) ?? 0) + 1;
    seen.set(object.id, version);
    const where = `object ${object.id}${version > 1 ? ` (revision ${version})` : ''}`;
    pushTokens(reading.texts, where, tokensOf(object.syntax));
    if (object.stream) readStream(object, where, budget, reading);
  }
  if (/\/Encrypt\b/.test(rest)) reading.problems.push('it is encrypted, so its hidden parts cannot be read');
  pushTokens(reading.texts, 'outside objects', tokensOf(rest));
  return reading;
}

function readStream(object: PdfObject, where: string, budget: StreamBudget, reading: RawPdfReading): void {
  const filters = filtersOf(object.syntax);
  if (isImageOrFont(object.syntax, filters)) return;
  let content: Buffer | null;
  try {
    content = decodeStream(object.stream!, filters, budget);
  } catch (error) {
    if (error instanceof TooLarge) {
      const mib = Math.round(Math.min(budget.limits.maxStreamBytes, budget.limits.maxTotalBytes) / (1024 * 1024));
      reading.problems.push(`${where} unpacks to more than can be checked (${mib} MiB)`);
    } else {
      reading.problems.push(`${where} is damaged and cannot be unpacked`);
    }
    return;
  }
  if (content === null) {
    reading.problems.push(`${where} is packed in a way the check cannot read (${filters.join(', ')})`);
    return;
  }
  if (/\/Type\s*\/EmbeddedFile\b/.test(object.syntax)) {
    reading.embedded.push({ field: `${where} (embedded file)`, data: content });
    return;
  }
  if (/\/Type\s*\/ObjStm\b/.test(object.syntax)) {
    for (const member of objectStreamMembers(object.syntax, content)) pushTokens(reading.texts, `object ${member.id} in object stream ${object.id}`, tokensOf(member.syntax));
    return;
  }
  const text = content.toString('latin1');
  pushTokens(reading.texts, `${where} stream`, tokensOf(text));
  if (isMostlyText(content)) {
    // Text in UTF-8 (XMP's encoding, and what other writers use) is read whole too: other text may hide in it.
    const utf8 = content.toString('utf8');
    if (utf8 !== text) pushTokens(reading.texts, `${where} stream (UTF-8)`, tokensOf(utf8));
    if (/\/Type\s*\/Metadata\b/.test(object.syntax) || /<x:xmpmeta|<rdf:RDF/.test(utf8)) {
      const xmp = markupTexts(utf8);
      reading.texts.push({ field: `${where} (XMP)`, text: utf8 }, { field: `${where} (XMP values)`, text: [xmp.visible, ...xmp.attributes, ...xmp.comments].join('\n') });
    }
  }
}
