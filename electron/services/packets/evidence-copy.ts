import sharp, { type Metadata } from 'sharp';
import type { EvidenceTreatment } from '../../../shared/domain/packet';
import { AppError } from '../../../shared/errors';
import { sniffFileType, type RasterFormat, type SniffedType } from './sniff';

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

export interface EvidenceKind {
  type: SniffedType;
  /** True when the file is an image this build of Casekeeper can re-encode. */
  cleanable: boolean;
  /** When not cleanable: completes "E3 is a PDF: …", saying what the caseworker can do. */
  whyNot: string | null;
}

const AS_IS_CHOICE = 'Include it as is (recorded in the manifest) or leave it out.';
const CANNOT_CLEAN = `Casekeeper cannot remove its hidden metadata. ${AS_IS_CHOICE}`;


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
