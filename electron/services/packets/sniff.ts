import { textEncodingsOf } from './text-encodings';

/**
 * What a file really is, from its bytes: magic numbers first, then text
 * (UTF-8, UTF-16, GB18030, Big5) and markup. The stated media type is believed
 * only where the bytes cannot tell documents apart (a ZIP that is a .docx, a
 * text file that is a .csv). Used for evidence copies, the profile's allowed
 * types and the leak scan, so all three agree on what a file is.
 */

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

/** The start of the file as text, in its most likely encoding, or null when it does not look like text. */
function textHead(bytes: Uint8Array): string | null {
  const sample = bytes.subarray(0, 8192);
  const [encoding] = textEncodingsOf(sample, sample.length < bytes.length);
  return encoding ? new TextDecoder(encoding).decode(sample.subarray(0, 4096)).replace(/^\uFEFF/, '') : null;
}

const SVG_ROOT = /^\s*(<\?xml[^>]*>\s*)?(<!--[\s\S]*?-->\s*|<!DOCTYPE[^>]*>\s*)*<svg[\s>]/i;
const HTML_ROOT = /^\s*(<!--[\s\S]*?-->\s*)*(<!DOCTYPE\s+html|<html[\s>]|<head[\s>]|<body[\s>])/i;
const XML_ROOT = /^\s*<\?xml[\s?]/i;

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
  const text = textHead(bytes);
  if (text !== null) {
    if (SVG_ROOT.test(text)) return type('image/svg+xml', 'svg', 'an SVG drawing');
    if (HTML_ROOT.test(text)) return believed(TEXT_TYPES, stated, type('text/html', 'html', 'a web page'));
    if (XML_ROOT.test(text)) return believed(TEXT_TYPES, stated, type('application/xml', 'xml', 'an XML file'));
    return believed(TEXT_TYPES, stated, type('text/plain', 'txt', 'a text file'));
  }
  return UNKNOWN;
}
