import { createRequire } from 'node:module';
import { crc32, deflateSync } from 'node:zlib';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';

/**
 * Evidence files of every type a disclosure profile may carry, each with the
 * corpus's withheld values written where such files hide text: EXIF, XMP and
 * comments of a JPEG; tEXt, zTXt and iTXt chunks of a PNG; a PDF's page text,
 * Info dictionary and an annotation; text files in UTF-8 and GB18030; an
 * e-mail with quoted-printable and base64 bodies and an encoded-word subject;
 * an SVG; an HTML page. All content is FICTIONAL (see leak-corpus.ts).
 */

export interface CorpusFile {
  /** What the file is, for the report. */
  label: string;
  fileName: string;
  mediaType: string;
  data: Buffer;
  /** True for raster images the product re-encodes: a clean copy is expected, never a block. */
  cleanable: boolean;
}

const asciiLines = (text: string) => text.split('\n').filter((line) => /^[\x20-\x7e]*$/.test(line));

function jpegSegment(marker: number, payload: Buffer): Buffer {
  const header = Buffer.alloc(4);
  header.writeUInt16BE(0xff00 | marker, 0);
  header.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([header, payload]);
}

/** A tiny JPEG with the text in EXIF (ASCII lines), an XMP packet and a comment (UTF-8). */
export async function corpusJpeg(text: string): Promise<Buffer> {
  const ascii = asciiLines(text).join(' ').slice(0, 4000);
  const base = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 200, g: 180, b: 120 } } })
    .jpeg({ quality: 80 })
    .withExif({ IFD0: Object.fromEntries(Object.entries({ ImageDescription: ascii, Artist: ascii.slice(0, 200), Copyright: ascii.slice(200, 400) }).filter(([, v]) => v !== '')) })
    .toBuffer();
  const xmp = Buffer.concat([
    Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'),
    Buffer.from(`<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:description>${escapeXml(text.slice(0, 30000))}</dc:description></rdf:Description></rdf:RDF></x:xmpmeta>`, 'utf8'),
  ]);
  const comment = Buffer.from(text.slice(0, 20000), 'utf8');
  // After SOI: the XMP segment and a comment, then everything sharp wrote.
  return Buffer.concat([base.subarray(0, 2), jpegSegment(0xe1, xmp), jpegSegment(0xfe, comment.subarray(0, 60000)), base.subarray(2)]);
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length, 0);
  const typed = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed) >>> 0, 0);
  return Buffer.concat([length, typed, crc]);
}

/** A tiny PNG with the text in tEXt (ASCII lines), zTXt and iTXt (UTF-8) chunks. */
export async function corpusPng(text: string): Promise<Buffer> {
  const base = await sharp({ create: { width: 16, height: 16, channels: 3, background: { r: 90, g: 140, b: 200 } } }).png().toBuffer();
  const iend = base.length - 12;
  const chunks = [
    pngChunk('tEXt', Buffer.concat([Buffer.from('Comment\0', 'latin1'), Buffer.from(asciiLines(text).join('\n'), 'latin1')])),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Description\0\0', 'latin1'), deflateSync(Buffer.from(asciiLines(text).join('\n'), 'latin1'))])),
    pngChunk('iTXt', Buffer.concat([Buffer.from('Description\0\0\0\0\0', 'latin1'), Buffer.from(text, 'utf8')])),
  ];
  return Buffer.concat([base.subarray(0, iend), ...chunks, base.subarray(iend)]);
}

const fontFile = (pkg: string, file: string) => createRequire(import.meta.url).resolve(`@expo-google-fonts/${pkg}/${file}`);

/** A PDF with the text on its pages (CJK and Arabic fonts embedded), in its Info dictionary and in an annotation. */
export function corpusPdf(text: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const ascii = asciiLines(text).join(' ');
    const doc = new PDFDocument({
      size: 'A4',
      margin: 40,
      compress: true,
      info: { Title: ascii.slice(0, 300), Author: ascii.slice(300, 600), Subject: text.slice(0, 2000), Keywords: text.slice(2000, 6000), CreationDate: new Date('2026-11-01T00:00:00Z') },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('sc', fontFile('noto-sans-sc', '400Regular/NotoSansSC_400Regular.ttf'));
    doc.registerFont('ar', fontFile('noto-sans-arabic', '400Regular/NotoSansArabic_400Regular.ttf'));
    doc.fontSize(8).font('Helvetica').text('FICTIONAL TEST DOCUMENT - every name, number and address in it is invented.');
    doc.note(40, 40, 20, 20, text.slice(0, 4000));
    for (const line of text.split('\n')) {
      // eslint-disable-next-line no-control-regex -- only the zero-width and format characters the font lacks are dropped for layout
      const printable = line.replace(/[\u0000-\u001f]/g, ' ');
      doc.font(/\p{Script=Arabic}/u.test(printable) ? 'ar' : 'sc').text(printable || ' ');
    }
    doc.end();
  });
}

let gbTable: Map<string, Buffer> | null = null;

/** Unicode → GB18030 for the BMP, built by inverting the platform's GB18030 decoder. */
function gb18030Table(): Map<string, Buffer> {
  if (gbTable) return gbTable;
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, Buffer>();
  const add = (bytes: number[]) => {
    const ch = decoder.decode(Uint8Array.from(bytes));
    if (ch.length === 1 && ch !== '\ufffd' && !table.has(ch)) table.set(ch, Buffer.from(bytes));
  };
  for (let lead = 0x81; lead <= 0xfe; lead += 1) for (let trail = 0x40; trail <= 0xfe; trail += 1) if (trail !== 0x7f) add([lead, trail]);
  for (let b1 = 0x81; b1 <= 0x84; b1 += 1) for (let b2 = 0x30; b2 <= 0x39; b2 += 1) for (let b3 = 0x81; b3 <= 0xfe; b3 += 1) for (let b4 = 0x30; b4 <= 0x39; b4 += 1) add([b1, b2, b3, b4]);
  gbTable = table;
  return table;
}

export function encodeGb18030(text: string): Buffer {
  const table = gb18030Table();
  const parts: Buffer[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) parts.push(Buffer.from([code]));
    else {
      const bytes = table.get(ch);
      if (bytes) parts.push(bytes);
      else parts.push(Buffer.from('?', 'latin1')); // outside the BMP (mathematical letters): dropped, as many GB18030 tools do
    }
  }
  return Buffer.concat(parts);
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function wrap76(base64: string): string {
  return base64.match(/.{1,76}/g)!.join('\r\n');
}

function quotedPrintable(text: string): string {
  const lines: string[] = [];
  for (const line of text.split('\n')) {
    let out = '';
    let width = 0;
    for (const byte of Buffer.from(line, 'utf8')) {
      const piece = byte >= 0x21 && byte <= 0x7e && byte !== 0x3d ? String.fromCharCode(byte) : `=${byte.toString(16).toUpperCase().padStart(2, '0')}`;
      if (width + piece.length > 75) {
        out += '=\r\n';
        width = 0;
      }
      out += piece;
      width += piece.length;
    }
    lines.push(out);
  }
  return lines.join('\r\n');
}

/** An e-mail: encoded-word subject, a quoted-printable text part, a base64 HTML part. */
export function corpusEml(text: string, subject: string): Buffer {
  const html = `<html><body><pre>${escapeXml(text)}</pre></body></html>`;
  const message = [
    'From: "Caseworker" <caseworker@example.org>',
    'To: intake@example.org',
    `Subject: =?UTF-8?B?${Buffer.from(subject, 'utf8').toString('base64')}?=`,
    'Date: Mon, 02 Nov 2026 09:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/alternative; boundary="corpus-boundary"',
    '',
    '--corpus-boundary',
    'Content-Type: text/plain; charset=UTF-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    quotedPrintable(text),
    '--corpus-boundary',
    'Content-Type: text/html; charset=UTF-8',
    'Content-Transfer-Encoding: base64',
    '',
    wrap76(Buffer.from(html, 'utf8').toString('base64')),
    '--corpus-boundary--',
    '',
  ].join('\r\n');
  return Buffer.from(message, 'utf8');
}

export function corpusSvg(text: string): Buffer {
  const lines = text.split('\n').slice(0, 400);
  const body = lines.map((line, i) => `<text x="4" y="${12 + i * 12}" font-size="10">${escapeXml(line)}</text>`).join('\n');
  return Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="800" height="${20 + lines.length * 12}">\n<title>${escapeXml(lines.slice(0, 5).join(' '))}</title>\n<desc>${escapeXml(text)}</desc>\n${body}\n</svg>\n`,
    'utf8',
  );
}

export function corpusHtml(text: string): Buffer {
  const entities = [...text.slice(0, 3000)].map((c) => (c.codePointAt(0)! > 0x7f ? `&#${c.codePointAt(0)};` : escapeXml(c))).join('');
  return Buffer.from(
    `<!doctype html>\n<html><head><meta charset="utf-8"><title>${escapeXml(text.slice(0, 200))}</title><meta name="description" content="${escapeXml(text.slice(0, 1000))}"></head>\n<body><pre>${escapeXml(text)}</pre>\n<p>${entities}</p></body></html>\n`,
    'utf8',
  );
}

/** Every evidence file of the corpus, each carrying `text`. */
export async function corpusFiles(text: string, subject: string): Promise<CorpusFile[]> {
  return [
    { label: 'JPEG (EXIF, XMP, comment)', fileName: 'photo.jpg', mediaType: 'image/jpeg', data: await corpusJpeg(text), cleanable: true },
    { label: 'PNG (tEXt, zTXt, iTXt)', fileName: 'screenshot.png', mediaType: 'image/png', data: await corpusPng(text), cleanable: true },
    { label: 'PDF (text, Info, annotation)', fileName: 'letter.pdf', mediaType: 'application/pdf', data: await corpusPdf(text), cleanable: false },
    { label: 'text, UTF-8', fileName: 'statement-utf8.txt', mediaType: 'text/plain', data: Buffer.from(text, 'utf8'), cleanable: false },
    { label: 'text, GB18030', fileName: 'statement-gb18030.txt', mediaType: 'text/plain', data: encodeGb18030(text), cleanable: false },
    { label: 'e-mail (QP and base64 bodies)', fileName: 'message.eml', mediaType: 'message/rfc822', data: corpusEml(text, subject), cleanable: false },
    { label: 'SVG', fileName: 'drawing.svg', mediaType: 'image/svg+xml', data: corpusSvg(text), cleanable: false },
    { label: 'HTML', fileName: 'page.html', mediaType: 'text/html', data: corpusHtml(text), cleanable: false },
  ];
}
