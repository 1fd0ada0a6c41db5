import sharp, { type Metadata } from 'sharp';
import type { EvidenceTreatment } from '../../../shared/domain/packet';
import { AppError } from '../../../shared/errors';

/**
 * The copy of an evidence file that goes into a referral packet. A photo's
 * EXIF/GPS, XMP, IPTC or thumbnail can show where a client or their family
 * lives, so images are decoded and re-encoded from pixels alone; anything
 * Casekeeper cannot clean that way goes only unchanged, after the caseworker
 * explicitly chose "include as is" (which the manifest records).
 *
 * The type is decided by the bytes, never by the stated media type alone: a
 * PDF renamed .jpg is a PDF, and an SVG (text that can carry anything) is
 * never treated as a raster image.
 */

export interface EvidenceCopy {
  data: Buffer;
  mediaType: string;
  extension: string;
  treatment: EvidenceTreatment;
  /** Something the recipient should know about the copy, for the manifest: "only the first frame…". */
  note?: string;
}

export interface EvidenceCopyInput {
  /** "E1", "E2"…: how messages name the file, never its original name. */
  ref: string;
  bytes: Uint8Array;
  mediaType: string;
  /** The caseworker chose to send a file Casekeeper cannot clean unchanged. Ignored for images that can be cleaned. */
  includeAsIs: boolean;
}

/** Decompression-bomb guard: a 100-megapixel image already needs ~400 MB decoded. */
export const MAX_INPUT_PIXELS = 100_000_000;

const ENCODER_QUALITY = 90;

export type RasterFormat = 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'avif' | 'heic';

export interface SniffedType {
  /** What the bytes are, whatever the stated media type says. */
  mediaType: string;
  extension: string;
  /** Completes "E3 is …" in messages: "a PDF", "an SVG drawing". */
  description: string;
  /** A raster image format that sharp may be able to decode, else null. */
  raster: RasterFormat | null;
}

export interface EvidenceKind {
  type: SniffedType;
  /** True when the file is an image this build of Casekeeper can re-encode. */
  cleanable: boolean;
  /** When not cleanable: completes "E3 is a PDF: …", saying what the caseworker can do. */
  whyNot: string | null;
}

const AS_IS_CHOICE = 'Include it as is (recorded in the manifest) or leave it out.';
const CANNOT_CLEAN = `Casekeeper cannot remove its hidden metadata. ${AS_IS_CHOICE}`;

const type = (mediaType: string, extension: string, description: string, raster: RasterFormat | null = null): SniffedType => ({
  mediaType,
  extension,
  description,
  raster,
});

const UNKNOWN = type('application/octet-stream', 'bin', 'a file of unknown type');

/** Containers whose magic bytes cannot tell the document type apart: the stated type is believed only within them. */
const ZIP_TYPES: Record<string, SniffedType> = {
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': type('', 'docx', 'a Word document'),
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': type('', 'xlsx', 'an Excel spreadsheet'),
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': type('', 'pptx', 'a PowerPoint presentation'),
  'application/vnd.oasis.opendocument.text': type('', 'odt', 'an OpenDocument text'),
  'application/vnd.oasis.opendocument.spreadsheet': type('', 'ods', 'an OpenDocument spreadsheet'),
  'application/vnd.oasis.opendocument.presentation': type('', 'odp', 'an OpenDocument presentation'),
  'application/epub+zip': type('', 'epub', 'an e-book'),
};
const OLE_TYPES: Record<string, SniffedType> = {
  'application/msword': type('', 'doc', 'a Word document'),
  'application/vnd.ms-excel': type('', 'xls', 'an Excel spreadsheet'),
  'application/vnd.ms-powerpoint': type('', 'ppt', 'a PowerPoint presentation'),
  'application/vnd.ms-outlook': type('', 'msg', 'an Outlook e-mail'),
};
const TEXT_TYPES: Record<string, SniffedType> = {
  'text/plain': type('', 'txt', 'a text file'),
  'text/csv': type('', 'csv', 'a CSV file'),
  'text/html': type('', 'html', 'a web page'),
  'text/markdown': type('', 'md', 'a text file'),
  'text/calendar': type('', 'ics', 'a calendar file'),
  'text/vcard': type('', 'vcf', 'a contact card'),
  'text/xml': type('', 'xml', 'an XML file'),
  'application/xml': type('', 'xml', 'an XML file'),
  'application/json': type('', 'json', 'a JSON file'),
  'message/rfc822': type('', 'eml', 'an e-mail'),
};

function believed(table: Record<string, SniffedType>, statedMediaType: string, fallback: SniffedType): SniffedType {
  const stated = statedMediaType.split(';')[0]!.trim().toLowerCase();
  const entry = table[stated];
  return entry ? { ...entry, mediaType: stated } : fallback;
}

function startsWith(bytes: Uint8Array, signature: readonly number[], offset = 0): boolean {
  if (bytes.length < offset + signature.length) return false;
  return signature.every((b, i) => bytes[offset + i] === b);
}

function latin1(bytes: Uint8Array, start: number, end: number): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, Math.min(end, bytes.length));
}

/** ISO base media files (HEIF, AVIF, MP4, MOV…) name what they are in the brands of their `ftyp` box. */
function sniffFtyp(bytes: Uint8Array, statedMediaType: string): SniffedType {
  const boxSize = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).readUInt32BE(0);
  const major = latin1(bytes, 8, 12);
  const brands = [major];
  for (let at = 16; at + 4 <= Math.min(boxSize, 256, bytes.length); at += 4) brands.push(latin1(bytes, at, at + 4));
  const has = (...names: string[]) => names.some((name) => brands.includes(name));
  const heicBrands = ['heic', 'heix', 'heim', 'heis', 'hevc', 'hevx'];
  if (major === 'avif' || major === 'avis') return type('image/avif', 'avif', 'an AVIF image', 'avif');
  if (heicBrands.includes(major)) return type('image/heic', 'heic', 'a HEIC photo', 'heic');
  if (major === 'mif1' || major === 'msf1') {
    if (has('avif', 'avis')) return type('image/avif', 'avif', 'an AVIF image', 'avif');
    return type(has(...heicBrands) ? 'image/heic' : 'image/heif', has(...heicBrands) ? 'heic' : 'heif', 'a HEIC photo', 'heic');
  }
  if (major === 'crx ') return type('image/x-canon-cr3', 'cr3', 'a camera raw photo');
  if (major === 'qt  ') return type('video/quicktime', 'mov', 'a video (QuickTime)');
  if (major.startsWith('M4A') || major.startsWith('M4B')) return type('audio/mp4', 'm4a', 'an audio file (M4A)');
  if (major.startsWith('3gp') || major.startsWith('3g2')) return type('video/3gpp', '3gp', 'a video (3GP)');
  if (statedMediaType.toLowerCase().startsWith('audio/')) return type('audio/mp4', 'm4a', 'an audio file (M4A)');
  return type('video/mp4', 'mp4', 'a video (MP4)');
}

function looksLikeText(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  if (sample.length === 0) return false;
  if (startsWith(sample, [0xff, 0xfe]) || startsWith(sample, [0xfe, 0xff])) return true;
  if (sample.includes(0)) return false;
  try {
    // stream: a multi-byte character cut at the end of the sample is not an error.
    new TextDecoder('utf-8', { fatal: true }).decode(sample, { stream: true });
    return true;
  } catch {
    return false;
  }
}

const SVG_ROOT = /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i;

/** What the bytes really are, from their magic numbers; the stated type only names documents inside generic containers. */
export function sniffFileType(bytes: Uint8Array, statedMediaType: string): SniffedType {
  const head = latin1(bytes, 0, 16);
  const stated = statedMediaType.toLowerCase();
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return type('image/jpeg', 'jpg', 'a JPEG image', 'jpeg');
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return type('image/png', 'png', 'a PNG image', 'png');
  if (head.startsWith('GIF87a') || head.startsWith('GIF89a')) return type('image/gif', 'gif', 'a GIF image', 'gif');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WEBP') return type('image/webp', 'webp', 'a WebP image', 'webp');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'WAVE') return type('audio/wav', 'wav', 'an audio file (WAV)');
  if (head.startsWith('RIFF') && head.slice(8, 12) === 'AVI ') return type('video/x-msvideo', 'avi', 'a video (AVI)');
  if (['II*\0', 'MM\0*', 'II+\0', 'MM\0+'].some((magic) => head.startsWith(magic))) return type('image/tiff', 'tiff', 'a TIFF image', 'tiff');
  if (bytes.length >= 12 && head.slice(4, 8) === 'ftyp') return sniffFtyp(bytes, stated);
  if (head.startsWith('%PDF-')) return type('application/pdf', 'pdf', 'a PDF');
  if (head.startsWith('BM') && [12, 40, 52, 56, 64, 108, 124].includes(bytes[14] ?? -1) && bytes[15] === 0) return type('image/bmp', 'bmp', 'a BMP image');
  if (head.startsWith('8BPS')) return type('image/vnd.adobe.photoshop', 'psd', 'a Photoshop image');
  if (startsWith(bytes, [0, 0, 0, 0x0c, 0x6a, 0x50, 0x20, 0x20])) return type('image/jp2', 'jp2', 'a JPEG 2000 image');
  if (startsWith(bytes, [0xff, 0x0a]) || startsWith(bytes, [0, 0, 0, 0x0c, 0x4a, 0x58, 0x4c, 0x20])) return type('image/jxl', 'jxl', 'a JPEG XL image');
  if (startsWith(bytes, [0x1a, 0x45, 0xdf, 0xa3])) {
    return latin1(bytes, 0, 64).includes('webm') ? type('video/webm', 'webm', 'a video (WebM)') : type('video/x-matroska', 'mkv', 'a video (Matroska)');
  }
  if (head.startsWith('OggS')) return type('audio/ogg', 'ogg', 'an audio file (Ogg)');
  if (head.startsWith('fLaC')) return type('audio/flac', 'flac', 'an audio file (FLAC)');
  if (head.startsWith('ID3') || startsWith(bytes, [0xff, 0xfb]) || startsWith(bytes, [0xff, 0xf3]) || startsWith(bytes, [0xff, 0xf2])) {
    return type('audio/mpeg', 'mp3', 'an audio file (MP3)');
  }
  if (startsWith(bytes, [0xff, 0xf1]) || startsWith(bytes, [0xff, 0xf9])) return type('audio/aac', 'aac', 'an audio file (AAC)');
  if (head.startsWith('PK\x03\x04') || head.startsWith('PK\x05\x06')) return believed(ZIP_TYPES, stated, type('application/zip', 'zip', 'a ZIP archive'));
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) return believed(OLE_TYPES, stated, type('application/x-ole-storage', 'bin', 'a Microsoft Office file'));
  if (head.startsWith('{\\rtf')) return type('application/rtf', 'rtf', 'a Rich Text document');
  if (startsWith(bytes, [0x1f, 0x8b])) {
    return stated.startsWith('image/svg') ? type('image/svg+xml', 'svgz', 'an SVG drawing') : type('application/gzip', 'gz', 'a compressed file (gzip)');
  }
  if (head.startsWith('Rar!\x1a\x07')) return type('application/vnd.rar', 'rar', 'a RAR archive');
  if (startsWith(bytes, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c])) return type('application/x-7z-compressed', '7z', 'a 7-Zip archive');
  // Readers accept a PDF header anywhere in the first kilobyte, so a prefix cannot hide one.
  if (latin1(bytes, 0, 1024).includes('%PDF-')) return type('application/pdf', 'pdf', 'a PDF');
  if (looksLikeText(bytes)) {
    const text = new TextDecoder('utf-8').decode(bytes.subarray(0, 4096)).replace(/^\uFEFF/, '');
    if (SVG_ROOT.test(text)) return type('image/svg+xml', 'svg', 'an SVG drawing');
    return believed(TEXT_TYPES, stated, type('text/plain', 'txt', 'a text file'));
  }
  return UNKNOWN;
}

/** Whether this sharp build decodes the format from a buffer (prebuilt libheif reads AVIF but not HEIC). */
function canDecode(format: RasterFormat): boolean {
  const formats = sharp.format;
  switch (format) {
    case 'jpeg':
      return formats.jpeg.input.buffer;
    case 'png':
      return formats.png.input.buffer;
    case 'gif':
      return formats.gif.input.buffer;
    case 'webp':
      return formats.webp.input.buffer;
    case 'tiff':
      return formats.tiff.input.buffer;
    case 'avif':
      return formats.heif.input.buffer && (formats.heif.input.fileSuffix ?? []).includes('.avif');
    case 'heic':
      return formats.heif.input.buffer && (formats.heif.input.fileSuffix ?? []).some((suffix) => suffix === '.heic' || suffix === '.heif');
    default: {
      const unreachable: never = format;
      return unreachable;
    }
  }
}

interface Inspection {
  kind: EvidenceKind;
  /** The image header, when it could be read; null for non-images and unreadable images. */
  header: Metadata | null;
}

async function inspect(bytes: Uint8Array, mediaType: string): Promise<Inspection> {
  const sniffed = sniffFileType(bytes, mediaType);
  if (sniffed.raster === null) return { kind: { type: sniffed, cleanable: false, whyNot: CANNOT_CLEAN }, header: null };
  if (!canDecode(sniffed.raster)) {
    const whyNot = `Casekeeper cannot remove its hidden metadata, which may include where it was taken. Save it as JPEG and add that copy, include it as is (recorded in the manifest), or leave it out.`;
    return { kind: { type: sniffed, cleanable: false, whyNot }, header: null };
  }
  // Header only: no pixels are decoded here, so the pixel limit is checked afterwards with a message that gives the size.
  const header = await sharp(bytes, { limitInputPixels: false, failOn: 'error' }).metadata().catch(() => null);
  const pages = header?.pages ?? 1;
  if (sniffed.raster === 'tiff' && pages > 1) {
    // Dropping pages of a scanned document would lose evidence silently.
    const description = `a TIFF image with ${pages} pages`;
    const whyNot = `Casekeeper can clean only single-page images, so it cannot remove this file's hidden metadata. Save each page as its own image and add those, include it as is (recorded in the manifest), or leave it out.`;
    return { kind: { type: { ...sniffed, description }, cleanable: false, whyNot }, header };
  }
  return { kind: { type: sniffed, cleanable: true, whyNot: null }, header };
}

/** Whether a file can be cleaned, for the preview; decided by its bytes. Never throws for damaged images (the export does). */
export async function classifyEvidence(bytes: Uint8Array, mediaType: string): Promise<EvidenceKind> {
  return (await inspect(bytes, mediaType)).kind;
}

/** "E3 is a PDF: Casekeeper cannot remove its hidden metadata. Include it as is (recorded in the manifest) or leave it out." */
export function refusalMessage(ref: string, kind: EvidenceKind): string {
  return `${ref} is ${kind.type.description}: ${kind.whyNot ?? CANNOT_CLEAN}`;
}

export async function prepareEvidenceCopy(input: EvidenceCopyInput): Promise<EvidenceCopy> {
  const { ref, bytes } = input;
  const { kind, header } = await inspect(bytes, input.mediaType);
  if (kind.cleanable) return reEncode(ref, bytes, kind.type, header);
  if (!input.includeAsIs) throw new AppError('VALIDATION', refusalMessage(ref, kind));
  return { data: Buffer.from(bytes), mediaType: kind.type.mediaType, extension: kind.type.extension, treatment: 'included_as_is' };
}

function damaged(ref: string, sniffed: SniffedType, cause?: unknown): AppError {
  return new AppError('VALIDATION', `${ref} looks like ${sniffed.description} but cannot be read; the file may be damaged. Add an intact copy, or leave it out.`, { cause });
}

function tooLarge(ref: string, width: number, height: number): AppError {
  const size = width > 0 && height > 0 ? `${width} × ${height} pixels; ` : '';
  return new AppError(
    'VALIDATION',
    `${ref} is too large to process safely (${size}the limit is ${MAX_INPUT_PIXELS / 1_000_000} megapixels). Save a smaller copy and add that, or leave it out.`,
  );
}

async function reEncode(ref: string, bytes: Uint8Array, sniffed: SniffedType, header: Metadata | null): Promise<EvidenceCopy> {
  if (!header || !header.width || !header.height) throw damaged(ref, sniffed);
  if (header.width * header.height > MAX_INPUT_PIXELS) throw tooLarge(ref, header.width, header.height);

  // JPEG stays JPEG; lossless or transparent sources become PNG so nothing is lost; other photos become JPEG.
  const asPng = sniffed.raster === 'png' || sniffed.raster === 'gif' || sniffed.raster === 'tiff' || header.hasAlpha === true;
  // failOn 'error': a photo with a recoverable glitch (common after messenger forwarding) is still usable evidence.
  const pipeline = sharp(bytes, { limitInputPixels: MAX_INPUT_PIXELS, failOn: 'error', pages: 1, page: 0 }).rotate();
  let data: Buffer;
  try {
    // No keepMetadata/keepExif/keepIccProfile/withMetadata: sharp then converts to sRGB and writes pixels only.
    data = asPng ? await pipeline.png().toBuffer() : await pipeline.jpeg({ quality: ENCODER_QUALITY }).toBuffer();
  } catch (error) {
    if (error instanceof Error && /pixel limit/i.test(error.message)) throw tooLarge(ref, header.width, header.height);
    throw damaged(ref, sniffed, error);
  }
  await assertNoMetadata(ref, data);

  const copy: EvidenceCopy = asPng
    ? { data, mediaType: 'image/png', extension: 'png', treatment: 're_encoded' }
    : { data, mediaType: 'image/jpeg', extension: 'jpg', treatment: 're_encoded' };
  const pages = header.pages ?? 1;
  if (pages > 1) {
    copy.note = sniffed.raster === 'gif' || sniffed.raster === 'webp' ? 'Animated image: only the first frame is included.' : 'Only the first of the images in this file is included.';
  }
  return copy;
}

/** Defence in depth: if a future sharp ever carried metadata over by default, stop rather than ship it. */
async function assertNoMetadata(ref: string, data: Buffer): Promise<void> {
  const out = await sharp(data).metadata();
  const carried = [out.exif, out.xmp, out.iptc, out.icc, out.tifftagPhotoshop, out.gainMap].some((part) => part !== undefined) || (out.comments ?? []).length > 0;
  if (carried) {
    throw new AppError('INTERNAL', `The cleaned copy of ${ref} still had hidden metadata, so it was not used. Leave ${ref} out and report this problem.`);
  }
}
