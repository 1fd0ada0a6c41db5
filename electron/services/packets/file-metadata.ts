import exifr from 'exifr';
import sharp, { type Metadata } from 'sharp';
import { AppError } from '../../../shared/errors';
import { loadPdfJs } from './pdf-text';
import { sniffFileType } from './sniff';

/**
 * Every textual metadata value in a file that is about to leave in a packet,
 * for the leak scan: EXIF/XMP/IPTC/ICC/PNG text/JPEG comments of images, the
 * Info dictionary and XMP of PDFs. The file's type is taken from its bytes.
 *
 * Structured parsers (exifr, pdf.js) come first; the raw segments sharp
 * reports are then searched for any text they missed, because a value that
 * slips past this function slips past the scan.
 */

export interface MetadataText {
  /** Where the value sits: "ifd0.Artist", "iptc.Byline", "xmp dc:creator", "pdf Info.Author". */
  field: string;
  text: string;
}

const EXIFR_EVERYTHING = {
  tiff: true,
  ifd1: true,
  exif: true,
  gps: true,
  interop: true,
  makerNote: true,
  userComment: true,
  xmp: true,
  iptc: true,
  icc: true,
  jfif: true,
  ihdr: true,
  multiSegment: true,
  mergeOutput: false,
  // Values as stored, not exifr's English renderings of codes.
  translateValues: false,
} as const;

export async function metadataTexts(data: Uint8Array, mediaType: string): Promise<MetadataText[]> {
  const sniffed = sniffFileType(data, mediaType);
  if (sniffed.raster !== null) return imageTexts(data);
  if (sniffed.mediaType === 'application/pdf') return pdfTexts(data);
  return [];
}

/** Whether the file carries a GPS position (EXIF GPS tags, or latitude/longitude in XMP). */
export async function hasLocationMetadata(data: Uint8Array): Promise<boolean> {
  const sniffed = sniffFileType(data, '');
  if (sniffed.mediaType === 'application/pdf') return LOCATION_IN_XMP.test((await readPdfMetadata(data)).xmp ?? '');
  if (sniffed.raster === null) return false;
  const parsed = await parseWithExifr(data, { tiff: true, gps: true, xmp: true, mergeOutput: false });
  if (hasGpsTags(parsed)) return true;
  const header = await readHeader(data);
  if (header?.exif && hasGpsTags(await parseWithExifr(tiffOf(header.exif), { tiff: true, gps: true, mergeOutput: false }))) return true;
  return LOCATION_IN_XMP.test(header?.xmpAsString ?? '');
}

const LOCATION_IN_XMP = /latitude|longitude/i;

function hasGpsTags(parsed: unknown): boolean {
  const gps = isRecord(parsed) ? parsed.gps : undefined;
  // GPSVersionID alone says nothing about a place.
  return isRecord(gps) && Object.keys(gps).some((key) => key !== 'GPSVersionID');
}

async function imageTexts(data: Uint8Array): Promise<MetadataText[]> {
  const texts = new TextCollector();
  const header = await readHeader(data);
  collectValues(await parseWithExifr(data, EXIFR_EVERYTHING), '', texts);
  for (const comment of header?.comments ?? []) texts.add(`png ${comment.keyword}`, comment.text);
  for (const comment of jpegComments(data)) texts.add('jpeg comment', comment);

  // Fallbacks for containers or segments exifr does not read (WebP, GIF, TIFF IPTC…): only what it did not already find.
  if (header?.exif) collectValues(await parseWithExifr(tiffOf(header.exif), EXIFR_EVERYTHING), 'exif ', texts, true);
  for (const { name, text } of xmpTexts(header?.xmpAsString ?? '')) texts.add(`xmp ${name}`, text, true);
  for (const [segment, bytes] of [
    ['iptc', header?.iptc],
    ['photoshop', header?.tifftagPhotoshop],
    ['icc', header?.icc],
  ] as const) {
    for (const text of printableRuns(bytes)) if (!SEGMENT_MARKERS.has(text)) texts.add(`${segment} (raw)`, text, true);
  }
  return texts.all();
}

/** Signatures that frame Photoshop/IPTC blocks: structure, not anyone's text. */
const SEGMENT_MARKERS = new Set(['Photoshop 3.0', '8BIM']);

class TextCollector {
  private readonly entries: MetadataText[] = [];
  private readonly seen = new Set<string>();

  /** `onlyIfNew`: a fallback source adds a value only when no other field already holds it. */
  add(field: string, raw: string, onlyIfNew = false): void {
    // NULs pad EXIF strings and separate PNG keywords; they are not part of any value.
    const text = raw.replace(/\0/g, ' ').trim();
    if (!text) return;
    if (onlyIfNew ? this.seen.has(text) : this.entries.some((e) => e.field === field && e.text === text)) return;
    this.seen.add(text);
    this.entries.push({ field, text });
  }

  all(): MetadataText[] {
    return [...this.entries];
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array) && !(value instanceof Date);
}

/** Strings anywhere in exifr's output; byte values (maker notes, undecoded tags) are searched for readable runs. */
function collectValues(value: unknown, field: string, texts: TextCollector, onlyIfNew = false, depth = 0): void {
  if (depth > 8) return;
  if (typeof value === 'string') texts.add(field, value, onlyIfNew);
  else if (value instanceof Uint8Array) for (const run of printableRuns(value)) texts.add(`${field} (raw)`, run, onlyIfNew);
  else if (Array.isArray(value)) for (const item of value) collectValues(item, field, texts, onlyIfNew, depth + 1);
  else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) collectValues(item, childField(field, key), texts, onlyIfNew, depth + 1);
  }
}

type ExifrOptions = Parameters<typeof exifr.parse>[1];

/** "ifd0" + "Artist" → "ifd0.Artist"; a prefix ending in a space ("exif ") is a label, not a parent key. */
function childField(field: string, key: string): string {
  return field === '' || field.endsWith(' ') ? `${field}${key}` : `${field}.${key}`;
}

async function parseWithExifr(data: Uint8Array, options: ExifrOptions): Promise<unknown> {
  try {
    return await exifr.parse(data, options);
  } catch {
    // Unsupported container (WebP, GIF) or damaged segments: the sharp-based fallbacks still look.
    return undefined;
  }
}

async function readHeader(data: Uint8Array): Promise<Metadata | null> {
  // Header only; the pixel limit is irrelevant because nothing is decoded.
  return sharp(data, { limitInputPixels: false, failOn: 'error' }).metadata().catch(() => null);
}

/** libvips hands EXIF over as an APP1 payload ("Exif\0\0" + TIFF); exifr reads the TIFF part as a file. */
function tiffOf(exif: Buffer): Buffer {
  return exif.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? exif.subarray(6) : exif;
}

/** COM segments: neither exifr nor sharp reports them. They sit before the image data. */
function jpegComments(data: Uint8Array): string[] {
  const bytes = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  if (bytes[0] !== 0xff || bytes[1] !== 0xd8) return [];
  const comments: string[] = [];
  let at = 2;
  while (at + 4 <= bytes.length && bytes[at] === 0xff) {
    const marker = bytes[at + 1]!;
    if (marker === 0xff) {
      at += 1; // fill byte
      continue;
    }
    if (marker === 0xda || marker === 0xd9) break; // start of scan / end of image
    const length = bytes.readUInt16BE(at + 2);
    if (marker === 0xfe) comments.push(bytes.toString('utf8', at + 4, Math.min(bytes.length, at + 2 + length)));
    at += 2 + length;
  }
  return comments;
}

/** Readable runs of four or more characters in binary data, decoded as UTF-8 (which covers ASCII). */
export function printableRuns(bytes: Uint8Array | undefined): string[] {
  if (!bytes || bytes.length === 0) return [];
  return (
    new TextDecoder('utf-8')
      .decode(bytes)
      // Control characters and undecodable bytes end a run: that is what separates text from binary here.
      // eslint-disable-next-line no-control-regex
      .split(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\ufffd]+/)
      .map((run) => run.trim())
      .filter((run) => run.length >= 4 && /[\p{L}\p{N}]/u.test(run))
  );
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|lt|gt|amp|quot|apos);/gi, (whole, name: string) => {
    if (name[0] !== '#') return ENTITIES[name.toLowerCase()] ?? whole;
    const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
    return Number.isFinite(code) && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

const XMP_TOKEN = /<(\/?)([\w.-]+(?::[\w.-]+)?)((?:\s+[^>]*?)?)(\/?)>|([^<]+)/g;
const XMP_ATTRIBUTE = /([\w.-]+(?::[\w.-]+)?)\s*=\s*(?:"([^"]*)"|'([^']*)')/g;
/** RDF containers: a value is reported under the property that holds it, not under rdf:li. */
const RDF_STRUCTURE = /^(rdf:|x:xmpmeta$)/;

/**
 * Every text node and attribute value of an XMP packet, named by the property
 * that holds it. Lenient on purpose: a malformed packet still has its text read.
 */
export function xmpTexts(xml: string): Array<{ name: string; text: string }> {
  const found: Array<{ name: string; text: string }> = [];
  const open: string[] = [];
  for (const token of xml.matchAll(XMP_TOKEN)) {
    const [, closing, tag, attributes, selfClosing, text] = token;
    if (text !== undefined) {
      const value = decodeEntities(text).trim();
      const holder = [...open].reverse().find((name) => !RDF_STRUCTURE.test(name));
      if (value && open.length > 0) found.push({ name: holder ?? open[open.length - 1]!, text: value });
      continue;
    }
    if (closing) {
      const index = open.lastIndexOf(tag!);
      if (index >= 0) open.length = index;
      continue;
    }
    for (const [, name, double, single] of (attributes ?? '').matchAll(XMP_ATTRIBUTE)) {
      const value = decodeEntities(double ?? single ?? '').trim();
      if (value && !name!.startsWith('xmlns')) found.push({ name: name!, text: value });
    }
    if (!selfClosing) open.push(tag!);
  }
  return found;
}

/** Keys pdf.js adds to the Info dictionary from the file's structure; they are not metadata anyone wrote. */
const PDFJS_DERIVED = new Set(['PDFFormatVersion', 'Language', 'EncryptFilterName', 'IsLinearized', 'IsAcroFormPresent', 'IsXFAPresent', 'IsCollectionPresent', 'IsSignaturesPresent']);

async function pdfTexts(data: Uint8Array): Promise<MetadataText[]> {
  const { info, xmp } = await readPdfMetadata(data);
  const texts = new TextCollector();
  for (const [key, value] of Object.entries(info)) {
    if (!PDFJS_DERIVED.has(key)) collectValues(value, `pdf Info.${key}`, texts);
  }
  for (const { name, text } of xmpTexts(xmp ?? '')) texts.add(`pdf xmp ${name}`, text);
  return texts.all();
}

async function readPdfMetadata(data: Uint8Array): Promise<{ info: Record<string, unknown>; xmp: string | null }> {
  const { pdfjs } = await loadPdfJs();
  const task = pdfjs.getDocument({
    // pdf.js may detach the buffer it is given; the caller's bytes must stay intact.
    data: new Uint8Array(data),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
  });
  try {
    const document = await task.promise;
    const { info, metadata } = await document.getMetadata();
    return { info: isRecord(info) ? info : {}, xmp: metadata?.getRaw() ?? null };
  } catch (error) {
    // Fail closed: a PDF whose metadata cannot be read cannot be shown to be free of withheld values.
    throw new AppError(
      'VALIDATION',
      'A PDF in the packet could not be opened to check its hidden details (it may be password-protected or damaged). Remove the password or add an intact copy, or leave it out.',
      { cause: error },
    );
  } finally {
    await task.destroy();
  }
}
