import { createHash } from 'node:crypto';
import { gunzipSync, inflateSync } from 'node:zlib';
import { Uint8ArrayReader, Uint8ArrayWriter, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { metadataTexts, xmpTexts } from './file-metadata';
import type { ScannedText } from './leak-scan';
import { parseMime } from './mime-parts';
import { readPdfRaw } from './pdf-raw';
import { extractPdfText } from './pdf-text';
import { sniffFileType, type SniffedType } from './sniff';
import { decodeTextAll, markupTexts, readableRuns, type DecodedText } from './text-encodings';

/**
 * Everything a recipient could read in one file, as text for the leak scan,
 * decided by the file's sniffed type and never by its name: PDFs (through
 * pdf.js and through a raw reading of every object), image metadata, text in
 * every plausible encoding, markup with tags removed, e-mails part by part,
 * ZIP-based files entry by entry, gzip. Files inside files (PDF attachments,
 * e-mail attachments, ZIP entries) are read the same way, to a bounded depth.
 * Whatever cannot be read is a problem, and a problem blocks the export.
 */

export interface FileTextLimits {
  /** How deep files inside files are followed. */
  maxDepth: number;
  /** Most bytes unpacked from ZIP entries, gzip, e-mail parts and attachments together. */
  maxUnpackedBytes: number;
  /** Most entries read from one ZIP. */
  maxZipEntries: number;
}

export const DEFAULT_FILE_TEXT_LIMITS: FileTextLimits = { maxDepth: 4, maxUnpackedBytes: 512 * 1024 * 1024, maxZipEntries: 10_000 };

export interface FileTextReading {
  texts: ScannedText[];
  /** "evidence/E02.zip entry a.bin: a file of unknown type": why a part could not be checked. */
  problems: Array<{ file: string; reason: string }>;
}

interface Context extends FileTextReading {
  limits: FileTextLimits;
  unpacked: number;
  /** Fingerprints of nested files already read (pdf.js and the raw reading both find a PDF's attachments). */
  seen: Set<string>;
}

/** Containers and media whose text sits uncompressed among binary data: their readable runs are what can be checked. */
const RAW_STRING_TYPES = /^(audio|video)\/|^application\/(x-ole-storage|msword|vnd\.ms-)|^image\/(bmp|vnd\.adobe\.photoshop|jp2|jxl|x-canon-cr3)$/;

/** A reason, in words for the caseworker, why a file cannot be checked. */
class CannotCheck extends Error {}

export function newFileTextContext(limits: FileTextLimits = DEFAULT_FILE_TEXT_LIMITS): Context {
  return { texts: [], problems: [], limits, unpacked: 0, seen: new Set() };
}

/** Reads one file; `where` prefixes each field ("attachment notes.txt, ") for files inside files. */
export async function readFileTexts(ctx: Context, file: string, where: string, data: Uint8Array, statedType: string, depth = 0): Promise<SniffedType> {
  const sniffed = sniffFileType(data, statedType);
  const add = (field: string, text: string) => {
    if (text.trim() !== '') ctx.texts.push({ file, field: `${where}${field}`, text });
  };
  const problem = (reason: string) => ctx.problems.push({ file, reason: `${where}${reason}` });
  const type = sniffed.mediaType;
  try {
    if (type === 'application/pdf') await readPdf(ctx, file, where, data, depth, add, problem);
    else if (sniffed.raster !== null) {
      for (const m of await metadataTexts(data, type)) add(`metadata ${m.field}`, m.text);
      if (sniffed.raster === 'png') for (const chunk of pngTextChunks(ctx, data)) add(`metadata png ${chunk.keyword}`, chunk.text);
    }
    else if (type === 'image/svg+xml' && sniffed.extension === 'svgz') await readNested(ctx, file, `${where}unpacked `, gunzip(ctx, data), 'image/svg+xml', depth);
    else if (type === 'application/gzip') await readNested(ctx, file, `${where}unpacked `, gunzip(ctx, data), '', depth);
    else if (type === 'application/zip' || sniffed.extension in ZIP_EXTENSIONS) await readZip(ctx, file, where, data, depth);
    else if (type === 'message/rfc822') await readEml(ctx, file, where, data, depth, add);
    else if (isText(sniffed)) readText(data, sniffed, add);
    else if (type === 'application/rtf') {
      for (const reading of rtfTexts(data)) {
        add(`text (${reading.encoding})`, reading.text);
        // Formatting words between letters ("Li{\\b Wei}") removed, as the document shows it.
        add(`text without formatting (${reading.encoding})`, reading.text.replace(/\\[a-z]+-?\d* ?/gi, '').replace(/[{}]/g, ''));
      }
    } else if (RAW_STRING_TYPES.test(type)) {
      const media = type.startsWith('audio/') || type.startsWith('video/');
      for (const reading of readableRuns(data, media)) add(`readable text (${reading.encoding})`, reading.text);
    }
    else problem(`is ${sniffed.description}, which cannot be checked`);
  } catch (error) {
    // Library messages are not for caseworkers; only the limits' own reasons are shown.
    problem(error instanceof CannotCheck ? error.message : 'could not be read (it may be damaged or in an unexpected format)');
  }
  return sniffed;
}

const ZIP_EXTENSIONS: Readonly<Record<string, true>> = { docx: true, xlsx: true, pptx: true, odt: true, ods: true, odp: true, epub: true };

function isText(sniffed: SniffedType): boolean {
  return sniffed.mediaType.startsWith('text/') || ['application/json', 'application/xml', 'image/svg+xml', 'text/xml'].includes(sniffed.mediaType);
}

function readText(data: Uint8Array, sniffed: SniffedType, add: (field: string, text: string) => void): void {
  const markup = ['text/html', 'application/xml', 'text/xml', 'image/svg+xml'].includes(sniffed.mediaType);
  for (const { encoding, text } of decodeTextAll(data)) {
    const suffix = encoding === 'utf-8' ? '' : ` (${encoding})`;
    add(`text${suffix}`, text);
    if (!markup && !/<[a-z!?/]/i.test(text)) continue;
    // Any text may hold markup (a .txt saved from a web page): what a browser would show is checked too.
    const { visible, joined, attributes, comments } = markupTexts(text);
    add(`text without tags${suffix}`, visible);
    add(`text without tags, joined${suffix}`, joined);
    add(`attributes${suffix}`, attributes.join('\n'));
    add(`comments${suffix}`, comments.join('\n'));
    if (/<x:xmpmeta|<rdf:RDF/i.test(text)) add(`XMP${suffix}`, xmpTexts(text).map((x) => x.text).join('\n'));
  }
}

/**
 * Rich Text as a word processor shows it: \uN escapes are characters, and
 * runs of \'hh escapes are bytes in the document's code page (GB2312, Big5,
 * Windows-1252…), read in every plausible one.
 */
function rtfTexts(data: Uint8Array): DecodedText[] {
  const source = Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString('latin1');
  const unicode = source.replace(/\\u(-?\d{1,5}) ?(\\'[0-9a-f]{2}|\?)?/gi, (_, n: string) => String.fromCharCode((Number(n) + 0x10000) % 0x10000));
  const readings: DecodedText[] = [{ encoding: 'utf-8', text: unicode }];
  for (const encoding of ['gb18030', 'big5', 'windows-1252'] as const) {
    const decoder = new TextDecoder(encoding);
    const text = unicode.replace(/(?:\\'[0-9a-f]{2})+/gi, (run) => decoder.decode(Buffer.from(run.replace(/\\'/g, ''), 'hex')));
    readings.push({ encoding, text });
  }
  return readings;
}

function claim(ctx: Context, bytes: number): void {
  ctx.unpacked += bytes;
  if (ctx.unpacked > ctx.limits.maxUnpackedBytes) throw new CannotCheck(`unpacks to more than ${Math.round(ctx.limits.maxUnpackedBytes / 1024 ** 2)} MiB, more than can be checked`);
}

function gunzip(ctx: Context, data: Uint8Array): Uint8Array {
  const room = ctx.limits.maxUnpackedBytes - ctx.unpacked;
  let out: Buffer;
  try {
    out = gunzipSync(data, { maxOutputLength: Math.max(1, room) });
  } catch (error) {
    if (error instanceof RangeError) claim(ctx, room + 1);
    throw error;
  }
  claim(ctx, out.length);
  return out;
}

/**
 * PNG text chunks read directly, compressed ones (zTXt, compressed iTXt)
 * included: the metadata parsers read only plain tEXt.
 */
function pngTextChunks(ctx: Context, data: Uint8Array): Array<{ keyword: string; text: string }> {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const found: Array<{ keyword: string; text: string }> = [];
  const inflate = (compressed: Buffer): Buffer => {
    const room = ctx.limits.maxUnpackedBytes - ctx.unpacked;
    const out = inflateSync(compressed, { maxOutputLength: Math.max(1, room) });
    claim(ctx, out.length);
    return out;
  };
  for (let at = 8; at + 12 <= bytes.length; ) {
    const length = bytes.readUInt32BE(at);
    const type = bytes.toString('latin1', at + 4, at + 8);
    const body = bytes.subarray(at + 8, Math.min(bytes.length, at + 8 + length));
    at += 12 + length;
    const nul = body.indexOf(0);
    if (nul < 0 || !['tEXt', 'zTXt', 'iTXt'].includes(type)) continue;
    const keyword = body.toString('latin1', 0, nul);
    if (type === 'tEXt') found.push({ keyword, text: body.toString('latin1', nul + 1) });
    else if (type === 'zTXt') found.push({ keyword, text: inflate(body.subarray(nul + 2)).toString('latin1') });
    else {
      const compressed = body[nul + 1] === 1;
      const language = body.indexOf(0, nul + 3);
      const translated = language < 0 ? -1 : body.indexOf(0, language + 1);
      if (translated < 0) continue;
      const text = body.subarray(translated + 1);
      found.push({ keyword, text: `${body.toString('utf8', language + 1, translated)}\n${(compressed ? inflate(text) : text).toString('utf8')}` });
    }
  }
  return found;
}

async function readNested(ctx: Context, file: string, where: string, data: Uint8Array, statedType: string, depth: number): Promise<void> {
  if (depth >= ctx.limits.maxDepth) {
    ctx.problems.push({ file, reason: `${where.trim()} is nested too deeply (files inside files inside files) to be checked` });
    return;
  }
  const fingerprint = createHash('sha256').update(data).digest('hex');
  if (ctx.seen.has(`${file}\u0000${fingerprint}`)) return;
  ctx.seen.add(`${file}\u0000${fingerprint}`);
  await readFileTexts(ctx, file, where, data, statedType, depth + 1);
}

type Add = (field: string, text: string) => void;

async function readPdf(ctx: Context, file: string, where: string, data: Uint8Array, depth: number, add: Add, problem: (reason: string) => void): Promise<void> {
  const raw = readPdfRaw(data);
  for (const text of raw.texts) add(text.field, text.text);
  for (const reason of raw.problems) problem(reason);
  const extracted = await extractPdfText(data);
  extracted.pages.forEach((text, i) => add(`page ${i + 1}`, text));
  for (const { field, text } of extracted.texts) add(field, text);
  for (const { field, text } of extracted.metadata) {
    add(`metadata ${field}`, text);
    if (field === 'XMP') for (const x of xmpTexts(text)) add(`metadata XMP ${x.name}`, x.text);
  }
  for (const attachment of extracted.attachments) {
    claim(ctx, attachment.data.byteLength);
    await readNested(ctx, file, `${where}attachment ${attachment.name}, `, attachment.data, '', depth);
  }
  for (const embedded of raw.embedded) await readNested(ctx, file, `${where}${embedded.field}, `, embedded.data, '', depth);
}

async function readEml(ctx: Context, file: string, where: string, data: Uint8Array, depth: number, add: Add): Promise<void> {
  for (const reading of decodeTextAll(data)) add(`text${reading.encoding === 'utf-8' ? '' : ` (${reading.encoding})`}`, reading.text);
  const message = parseMime(data);
  for (const header of message.headers) add(`${header.where} headers`, header.text);
  for (const leaf of message.leaves) {
    claim(ctx, leaf.data.byteLength);
    const name = leaf.fileName ? ` ${leaf.fileName}` : '';
    if (leaf.fileName) add(`${leaf.where} file name`, leaf.fileName);
    if (leaf.charset && leaf.mediaType.startsWith('text/')) {
      try {
        add(`${leaf.where} (${leaf.charset})`, new TextDecoder(leaf.charset.toLowerCase()).decode(leaf.data));
      } catch {
        // A charset TextDecoder does not know: the readings by sniffed encoding below still apply.
      }
    }
    await readNested(ctx, file, `${where}${leaf.where}${name}, `, leaf.data, leaf.mediaType, depth);
  }
}

async function readZip(ctx: Context, file: string, where: string, data: Uint8Array, depth: number): Promise<void> {
  // Lenient on purpose: this reads what a recipient's unzip tool would show, hostile names included.
  const reader = new ZipReader(new Uint8ArrayReader(data), { extractPrependedData: true, extractAppendedData: true });
  try {
    const entries = await reader.getEntries({ filenameValidation: 'tolerant' });
    if (entries.length > ctx.limits.maxZipEntries) throw new CannotCheck(`holds more than ${ctx.limits.maxZipEntries} files, more than can be checked`);
    const add = (field: string, text: string) => {
      if (text.trim() !== '') ctx.texts.push({ file, field: `${where}${field}`, text });
    };
    for (const reading of decodeTextAll(reader.comment)) add(`ZIP comment (${reading.encoding})`, reading.text);
    for (const extra of [reader.prependedData, reader.appendedData]) {
      if (extra && extra.byteLength > 0) await readNested(ctx, file, `${where}data outside the ZIP, `, extra, '', depth);
    }
    for (const entry of entries) {
      add(`entry name ${entry.filename}`, entry.filename);
      // Names from Chinese Windows are often GB18030 without the UTF-8 flag: every reading of the stored bytes.
      for (const reading of decodeTextAll(entry.rawFilename)) add(`entry name ${entry.filename} (${reading.encoding})`, reading.text);
      add(`entry ${entry.filename} comment`, entry.comment);
      if (entry.directory) continue;
      if (entry.encrypted) throw new CannotCheck(`entry ${entry.filename} is encrypted, so it cannot be checked`);
      claim(ctx, entry.uncompressedSize);
      const content = await (entry as FileEntry).getData(new Uint8ArrayWriter());
      await readNested(ctx, file, `${where}entry ${entry.filename}, `, content, '', depth);
    }
  } finally {
    await reader.close();
  }
}
