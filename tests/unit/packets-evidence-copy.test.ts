import { crc32, deflateSync } from 'node:zlib';
import exifr from 'exifr';
import PDFDocument from 'pdfkit';
// @ts-expect-error -- piexifjs ships no type declarations; the small part used here is typed below.
import piexifUntyped from 'piexifjs';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { classifyEvidence, prepareEvidenceCopy, type EvidenceCopy } from '../../electron/services/packets/evidence-copy';
import { sniffFileType } from '../../electron/services/packets/sniff';
import { hasLocationMetadata, metadataTexts, xmpTexts } from '../../electron/services/packets/file-metadata';

interface PiexifApi {
  ImageIFD: Record<string, number>;
  ExifIFD: Record<string, number>;
  GPSIFD: Record<string, number>;
  GPSHelper: { degToDmsRational(degrees: number): number[][] };
  dump(exif: Record<string, unknown>): string;
  insert(exif: string, jpegBinary: string): string;
}
const piexif = piexifUntyped as PiexifApi;

// Fictional person and place.
const NAME = 'Aigerim Testova';
const CITY = 'Fictionville';
const PDF_REFUSAL = 'E3 is a PDF: Casekeeper cannot remove its hidden metadata. Include it as is (recorded in the manifest) or leave it out.';

const EVERY_SEGMENT = { tiff: true, ifd1: true, exif: true, gps: true, interop: true, xmp: true, iptc: true, icc: true, jfif: true, ihdr: true, makerNote: true, userComment: true, mergeOutput: false };

/** A JPEG marker segment: FF marker, big-endian length (counting itself), payload. */
function segment(marker: number, payload: Buffer): Buffer {
  const head = Buffer.from([0xff, marker, 0, 0]);
  head.writeUInt16BE(payload.length + 2, 2);
  return Buffer.concat([head, payload]);
}

function xmpPacket(): string {
  return (
    '<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?><x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">' +
    `<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" xmlns:exif="http://ns.adobe.com/exif/1.0/" photoshop:City="${CITY}" exif:GPSLatitude="52,6.0N">` +
    `<dc:creator><rdf:Seq><rdf:li>${NAME}</rdf:li></rdf:Seq></dc:creator></rdf:Description></rdf:RDF></x:xmpmeta><?xpacket end="w"?>`
  );
}

/** APP13 "Photoshop 3.0" resource block holding IPTC-IIM By-line (2:80) and City (2:90). */
function iptcSegment(): Buffer {
  const dataset = (record: number, tag: number, value: string) => {
    const text = Buffer.from(value);
    return Buffer.concat([Buffer.from([0x1c, record, tag, text.length >> 8, text.length & 0xff]), text]);
  };
  const iptc = Buffer.concat([dataset(2, 80, NAME), dataset(2, 90, CITY)]);
  const resource = Buffer.alloc(12);
  resource.write('8BIM', 0, 'latin1');
  resource.writeUInt16BE(0x0404, 4);
  resource.writeUInt32BE(iptc.length, 8);
  const block = Buffer.concat([resource, iptc, Buffer.alloc(iptc.length % 2)]);
  return segment(0xed, Buffer.concat([Buffer.from('Photoshop 3.0\0', 'latin1'), block]));
}

/**
 * What a phone photo shared by a client looks like: 60×40 stored pixels (red
 * left half, blue right half) shown as portrait through Orientation 6, EXIF
 * with GPS and the photographer's name, a thumbnail, XMP, IPTC and a comment.
 */
async function phonePhoto(): Promise<Buffer> {
  const half = (colour: string) => sharp({ create: { width: 30, height: 40, channels: 3, background: colour } }).png().toBuffer();
  const pixels = await sharp({ create: { width: 60, height: 40, channels: 3, background: '#000' } })
    .composite([
      { input: await half('#ff0000'), left: 0, top: 0 },
      { input: await half('#0000ff'), left: 30, top: 0 },
    ])
    .jpeg({ quality: 95 })
    .toBuffer();
  const thumbnail = await sharp({ create: { width: 8, height: 8, channels: 3, background: '#00ff00' } }).jpeg().toBuffer();
  const { ImageIFD, ExifIFD, GPSIFD, GPSHelper } = piexif;
  const exif = piexif.dump({
    '0th': {
      [ImageIFD.Artist!]: NAME,
      [ImageIFD.ImageDescription!]: `${NAME} outside her mother's house`,
      [ImageIFD.Orientation!]: 6,
    },
    Exif: { [ExifIFD.DateTimeOriginal!]: '2026:03:14 10:00:00' },
    GPS: {
      [GPSIFD.GPSLatitudeRef!]: 'N',
      [GPSIFD.GPSLatitude!]: GPSHelper.degToDmsRational(52.1),
      [GPSIFD.GPSLongitudeRef!]: 'E',
      [GPSIFD.GPSLongitude!]: GPSHelper.degToDmsRational(4.3),
    },
    '1st': { [ImageIFD.Compression!]: 6 },
    thumbnail: thumbnail.toString('binary'),
  });
  const withExif = Buffer.from(piexif.insert(exif, pixels.toString('binary')), 'binary');
  const afterExif = 4 + withExif.readUInt16BE(4); // SOI + APP1 written by piexif
  const xmp = segment(0xe1, Buffer.concat([Buffer.from('http://ns.adobe.com/xap/1.0/\0', 'latin1'), Buffer.from(xmpPacket())]));
  const comment = segment(0xfe, Buffer.from(`Taken by ${NAME}`));
  return Buffer.concat([withExif.subarray(0, afterExif), xmp, iptcSegment(), comment, withExif.subarray(afterExif)]);
}

function pngChunk(kind: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(kind, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A PNG screenshot with the name in tEXt, zTXt and iTXt chunks, and an embedded ICC profile. */
async function screenshotWithText(): Promise<Buffer> {
  const png = await sharp({ create: { width: 20, height: 10, channels: 3, background: '#336699' } })
    .withIccProfile('p3')
    .png()
    .toBuffer();
  const afterHeader = 8 + 25; // signature + IHDR chunk
  const chunks = [
    pngChunk('tEXt', Buffer.from(`Author\0${NAME}`, 'latin1')),
    pngChunk('zTXt', Buffer.concat([Buffer.from('Comment\0\0', 'latin1'), deflateSync(`Sent by ${NAME}`)])),
    pngChunk('iTXt', Buffer.concat([Buffer.from('Description\0\0\0en\0\0', 'latin1'), Buffer.from(`Chat with ${NAME}`)])),
  ];
  return Buffer.concat([png.subarray(0, afterHeader), ...chunks, png.subarray(afterHeader)]);
}

/** A PNG header claiming 60000×60000 pixels (3.6 gigapixels) with almost no data behind it. */
function pixelBomb(): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(60000, 0);
  header.writeUInt32BE(60000, 4);
  header[8] = 8; // bit depth
  header[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', header), pngChunk('IDAT', deflateSync(Buffer.alloc(1024))), pngChunk('IEND', Buffer.alloc(0))]);
}

async function letterPdf(): Promise<Buffer> {
  // pdfVersion 1.7 makes pdfkit write an XMP packet too (dc:creator from Author).
  const doc = new PDFDocument({ pdfVersion: '1.7', info: { Author: NAME, Title: 'Summons (fictional)' } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const ended = new Promise<void>((resolve) => doc.on('end', () => resolve()));
  doc.text('A fictional letter for tests.');
  doc.end();
  await ended;
  return Buffer.concat(chunks);
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe('VALIDATION');
  return error as AppError;
}

/** Everything a real parser finds, as text, so one search covers every segment. */
async function parsedText(data: Uint8Array): Promise<string> {
  const parsed: unknown = await exifr.parse(data, EVERY_SEGMENT).catch(() => undefined);
  return JSON.stringify(parsed ?? {}, (_key, value: unknown) => (value instanceof Uint8Array ? Buffer.from(value).toString('latin1') : value));
}

function expectNoTrace(copy: EvidenceCopy): void {
  for (const needle of [NAME, CITY, 'GPS', 'Exif', 'http://ns.adobe.com/xap', 'Photoshop 3.0', '8BIM', 'xmpmeta', 'tEXt', 'zTXt', 'iTXt']) {
    expect(copy.data.includes(needle), `copy contains ${needle}`).toBe(false);
  }
}

let photo: Buffer;
let pdf: Buffer;

beforeAll(async () => {
  photo = await phonePhoto();
  pdf = await letterPdf();
});

describe('a caseworker attaches a client photo to a referral packet', () => {
  it('a JPEG with GPS EXIF, XMP, IPTC, a comment and an embedded thumbnail → the packet copy has none of it', async () => {
    // The fixture really carries all of it, as a parser sees it.
    expect(await exifr.gps(photo)).toMatchObject({ latitude: expect.closeTo(52.1, 3), longitude: expect.closeTo(4.3, 3) });
    expect(await exifr.thumbnail(photo)).toBeInstanceOf(Uint8Array);
    const before = await parsedText(photo);
    for (const found of [NAME, CITY, 'Byline', 'creator']) expect(before).toContain(found);
    for (const needle of [NAME, 'GPS', 'Exif', 'http://ns.adobe.com/xap', 'Photoshop 3.0']) expect(photo.includes(needle)).toBe(true);
    expect(await hasLocationMetadata(photo)).toBe(true);

    const copy = await prepareEvidenceCopy({ ref: 'E1', bytes: photo, mediaType: 'image/jpeg', includeAsIs: false });

    expect(copy).toMatchObject({ mediaType: 'image/jpeg', extension: 'jpg', treatment: 're_encoded' });
    expect(copy.note).toBeUndefined();
    const after: unknown = await exifr.parse(copy.data, EVERY_SEGMENT);
    // At most the JFIF header (version and pixel density) remains.
    expect(Object.keys((after as Record<string, unknown> | undefined) ?? {}).filter((key) => key !== 'jfif')).toEqual([]);
    expect(await exifr.gps(copy.data)).toBeUndefined();
    expect(await exifr.thumbnail(copy.data)).toBeUndefined();
    const header = await sharp(copy.data).metadata();
    expect([header.exif, header.xmp, header.iptc, header.icc, header.comments]).toEqual([undefined, undefined, undefined, undefined, undefined]);
    expectNoTrace(copy);
    expect(await hasLocationMetadata(copy.data)).toBe(false);
  });

  it('a portrait photo stored sideways (Orientation 6) is still portrait, the right way up, in the copy', async () => {
    const stored = await sharp(photo).metadata();
    expect([stored.width, stored.height, stored.orientation]).toEqual([60, 40, 6]);

    const copy = await prepareEvidenceCopy({ ref: 'E1', bytes: photo, mediaType: 'image/jpeg', includeAsIs: false });

    const { data, info } = await sharp(copy.data).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([40, 60]);
    expect((await sharp(copy.data).metadata()).orientation).toBeUndefined();
    // Turned 90° clockwise: the red left half of the stored pixels is now on top.
    const pixel = (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3)];
    const [rTop, , bTop] = pixel(20, 5);
    const [rBottom, , bBottom] = pixel(20, 55);
    expect(rTop).toBeGreaterThan(200);
    expect(bTop).toBeLessThan(60);
    expect(bBottom).toBeGreaterThan(200);
    expect(rBottom).toBeLessThan(60);
  });

  it('"include as is" never lets an image through uncleaned', async () => {
    const copy = await prepareEvidenceCopy({ ref: 'E1', bytes: photo, mediaType: 'image/jpeg', includeAsIs: true });
    expect(copy.treatment).toBe('re_encoded');
    expectNoTrace(copy);
  });

  it('a PNG screenshot with the name in tEXt, zTXt and iTXt chunks → a PNG copy without them', async () => {
    const screenshot = await screenshotWithText();
    const original = await sharp(screenshot).metadata();
    expect(original.comments).toHaveLength(3);
    expect(original.icc).toBeInstanceOf(Buffer);
    expect((await metadataTexts(screenshot, 'image/png')).filter((t) => t.text.includes(NAME)).length).toBeGreaterThanOrEqual(3);

    const copy = await prepareEvidenceCopy({ ref: 'E2', bytes: screenshot, mediaType: 'image/png', includeAsIs: false });

    expect(copy).toMatchObject({ mediaType: 'image/png', extension: 'png', treatment: 're_encoded' });
    const header = await sharp(copy.data).metadata();
    expect([header.comments, header.icc]).toEqual([undefined, undefined]);
    expect(copy.data.includes('iCCP')).toBe(false);
    expect(await parsedText(copy.data)).not.toContain(NAME);
    expectNoTrace(copy);
    expect(await metadataTexts(copy.data, 'image/png')).toEqual([]);
  });

  it('an animated GIF → a PNG of its first frame, and the copy says so', async () => {
    const frame = (colour: string) => sharp({ create: { width: 20, height: 10, channels: 3, background: colour } }).png().toBuffer();
    const gif = await sharp([await frame('#ff0000'), await frame('#0000ff')], { join: { animated: true } })
      .gif()
      .toBuffer();
    expect((await sharp(gif).metadata()).pages).toBe(2);

    const copy = await prepareEvidenceCopy({ ref: 'E4', bytes: gif, mediaType: 'image/gif', includeAsIs: false });

    expect(copy).toMatchObject({ mediaType: 'image/png', extension: 'png', treatment: 're_encoded' });
    expect(copy.note).toMatch(/first frame/);
    const { data, info } = await sharp(copy.data).raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([20, 10]);
    expect(data[0]).toBeGreaterThan(200); // red: the first frame
  });

  it('WebP photos lose their EXIF and XMP; a WebP with transparency stays lossless as PNG', async () => {
    const base = sharp({ create: { width: 24, height: 16, channels: 3, background: '#808000' } });
    const webp = await base
      .withExif({ IFD0: { Artist: NAME, ImageDescription: 'Market day' } })
      .withXmp(xmpPacket())
      .webp()
      .toBuffer();
    // exifr cannot read WebP: the name is found through the EXIF and XMP that sharp hands over.
    const texts = await metadataTexts(webp, 'image/webp');
    expect(texts).toEqual(expect.arrayContaining([{ field: 'exif ifd0.Artist', text: NAME }, { field: 'xmp photoshop:City', text: CITY }]));
    expect(await hasLocationMetadata(webp)).toBe(true); // exif:GPSLatitude in the XMP

    const copy = await prepareEvidenceCopy({ ref: 'E5', bytes: webp, mediaType: 'image/webp', includeAsIs: false });
    expect(copy).toMatchObject({ mediaType: 'image/jpeg', extension: 'jpg', treatment: 're_encoded' });
    expectNoTrace(copy);
    expect(await metadataTexts(copy.data, copy.mediaType)).toEqual([]);
    expect(await hasLocationMetadata(copy.data)).toBe(false);

    const transparent = await sharp({ create: { width: 24, height: 16, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0.5 } } })
      .withExif({ IFD0: { Artist: NAME } })
      .webp()
      .toBuffer();
    const alphaCopy = await prepareEvidenceCopy({ ref: 'E6', bytes: transparent, mediaType: 'image/webp', includeAsIs: false });
    expect(alphaCopy).toMatchObject({ mediaType: 'image/png', extension: 'png' });
    expect((await sharp(alphaCopy.data).metadata()).hasAlpha).toBe(true);
    expectNoTrace(alphaCopy);
  });

  it('a TIFF scan → a lossless PNG without its tags; a multi-page TIFF can only go as is', async () => {
    const tiff = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#eeeeee' } })
      .withXmp(xmpPacket()) // libvips writes XMP into TIFFs (not EXIF)
      .tiff()
      .toBuffer();
    expect(tiff.includes(NAME)).toBe(true);
    expect((await metadataTexts(tiff, 'image/tiff')).some((t) => t.text === NAME)).toBe(true);
    const copy = await prepareEvidenceCopy({ ref: 'E7', bytes: tiff, mediaType: 'image/tiff', includeAsIs: false });
    expect(copy).toMatchObject({ mediaType: 'image/png', extension: 'png', treatment: 're_encoded' });
    expectNoTrace(copy);

    const page = (colour: string) => sharp({ create: { width: 20, height: 10, channels: 3, background: colour } }).png().toBuffer();
    const multiPage = await sharp([await page('#ffffff'), await page('#000000')], { join: { animated: true } })
      .tiff()
      .toBuffer();
    const error = await refusal(prepareEvidenceCopy({ ref: 'E8', bytes: multiPage, mediaType: 'image/tiff', includeAsIs: false }));
    expect(error.message).toMatch(/^E8 is a TIFF image with 2 pages: .*Save each page as its own image/);
    const asIs = await prepareEvidenceCopy({ ref: 'E8', bytes: multiPage, mediaType: 'image/tiff', includeAsIs: true });
    expect(asIs).toMatchObject({ treatment: 'included_as_is', mediaType: 'image/tiff', extension: 'tiff' });
  });

  it.runIf(sharp.format.heif.input.buffer && (sharp.format.heif.input.fileSuffix ?? []).includes('.avif'))('an AVIF photo → a JPEG copy without EXIF', async () => {
    const avif = await sharp({ create: { width: 24, height: 16, channels: 3, background: '#204060' } })
      .withExif({ IFD0: { Artist: NAME } })
      .avif()
      .toBuffer();
    const copy = await prepareEvidenceCopy({ ref: 'E9', bytes: avif, mediaType: 'image/avif', includeAsIs: false });
    expect(copy).toMatchObject({ mediaType: 'image/jpeg', extension: 'jpg', treatment: 're_encoded' });
    expectNoTrace(copy);
  });

  it('a HEIC photo this build cannot decode can only go as is, with a hint to convert it', async () => {
    // Only the ftyp box matters for deciding; prebuilt sharp reads AVIF but not HEIC.
    const heic = Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic\0\0\0\0mif1heic', 'latin1'), Buffer.alloc(64)]);
    const kind = await classifyEvidence(heic, 'image/heic');
    if (kind.cleanable) return; // a sharp build with HEVC would re-encode it like any photo
    const error = await refusal(prepareEvidenceCopy({ ref: 'E10', bytes: heic, mediaType: 'image/heic', includeAsIs: false }));
    expect(error.message).toBe(
      'E10 is a HEIC photo: Casekeeper cannot remove its hidden metadata, which may include where it was taken. Save it as JPEG and add that copy, include it as is (recorded in the manifest), or leave it out.',
    );
  });

  it('a damaged JPEG is refused with a message naming the evidence, not a crash', async () => {
    const truncated = photo.subarray(0, Math.floor(photo.length * 0.6));
    const error = await refusal(prepareEvidenceCopy({ ref: 'E2', bytes: truncated, mediaType: 'image/jpeg', includeAsIs: true }));
    expect(error.message).toBe('E2 looks like a JPEG image but cannot be read; the file may be damaged. Add an intact copy, or leave it out.');

    const garbage = Buffer.concat([Buffer.from([0xff, 0xd8, 0xff, 0xe0]), Buffer.alloc(300, 0x41)]);
    expect((await refusal(prepareEvidenceCopy({ ref: 'E2', bytes: garbage, mediaType: 'image/jpeg', includeAsIs: false }))).message).toMatch(/^E2 looks like a JPEG image but cannot be read/);
  });

  it('a pixel bomb (a PNG claiming 60000×60000) is refused quickly, without decoding it', async () => {
    const started = Date.now();
    const error = await refusal(prepareEvidenceCopy({ ref: 'E4', bytes: pixelBomb(), mediaType: 'image/png', includeAsIs: false }));
    expect(error.message).toBe('E4 is too large to process safely (60000 × 60000 pixels; the limit is 100 megapixels). Save a smaller copy and add that, or leave it out.');
    expect(Date.now() - started).toBeLessThan(2000);
  });
});

describe('a caseworker attaches files Casekeeper cannot clean', () => {
  it('a PDF is refused unless the caseworker chose "include as is"; then it goes byte for byte', async () => {
    const error = await refusal(prepareEvidenceCopy({ ref: 'E3', bytes: pdf, mediaType: 'application/pdf', includeAsIs: false }));
    expect(error.message).toBe(PDF_REFUSAL);

    const copy = await prepareEvidenceCopy({ ref: 'E3', bytes: pdf, mediaType: 'application/pdf', includeAsIs: true });
    expect(copy).toMatchObject({ mediaType: 'application/pdf', extension: 'pdf', treatment: 'included_as_is' });
    expect(copy.data.equals(pdf)).toBe(true);
  });

  it('a file claiming image/jpeg that is really a PDF is handled as the PDF it is', async () => {
    expect((await refusal(prepareEvidenceCopy({ ref: 'E3', bytes: pdf, mediaType: 'image/jpeg', includeAsIs: false }))).message).toBe(PDF_REFUSAL);
    const copy = await prepareEvidenceCopy({ ref: 'E3', bytes: pdf, mediaType: 'image/jpeg', includeAsIs: true });
    expect(copy).toMatchObject({ mediaType: 'application/pdf', extension: 'pdf', treatment: 'included_as_is' });
    expect(copy.data.equals(pdf)).toBe(true);
    // A few bytes in front do not hide it either: readers accept the header anywhere in the first kilobyte.
    expect(sniffFileType(Buffer.concat([Buffer.from('junk\n'), pdf]), 'image/png').mediaType).toBe('application/pdf');
  });

  it('a photo claiming to be text is still cleaned as the photo it is', async () => {
    const copy = await prepareEvidenceCopy({ ref: 'E1', bytes: photo, mediaType: 'text/plain', includeAsIs: true });
    expect(copy).toMatchObject({ mediaType: 'image/jpeg', extension: 'jpg', treatment: 're_encoded' });
    expectNoTrace(copy);
  });

  it('an SVG is never rasterised or "cleaned": as is only, whatever it claims to be', async () => {
    const svg = Buffer.from(`<?xml version="1.0"?>\n<!-- drawn by ${NAME} -->\n<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><metadata>${NAME}</metadata><rect width="10" height="10"/></svg>`);
    for (const claimed of ['image/svg+xml', 'image/png']) {
      const error = await refusal(prepareEvidenceCopy({ ref: 'E6', bytes: svg, mediaType: claimed, includeAsIs: false }));
      expect(error.message).toBe('E6 is an SVG drawing: Casekeeper cannot remove its hidden metadata. Include it as is (recorded in the manifest) or leave it out.');
      const copy = await prepareEvidenceCopy({ ref: 'E6', bytes: svg, mediaType: claimed, includeAsIs: true });
      expect(copy).toMatchObject({ mediaType: 'image/svg+xml', extension: 'svg', treatment: 'included_as_is' });
      expect(copy.data.equals(svg)).toBe(true);
    }
  });

  it('other files are named by what they are: an e-mail, a Word document, an MP3, something unknown', () => {
    const eml = Buffer.from(`From: someone@example.org\r\nSubject: threat\r\n\r\nHello ${NAME}`);
    expect(sniffFileType(eml, 'message/rfc822')).toMatchObject({ mediaType: 'message/rfc822', extension: 'eml', description: 'an e-mail' });
    expect(sniffFileType(eml, 'image/jpeg')).toMatchObject({ mediaType: 'text/plain', extension: 'txt' });
    const docx = Buffer.concat([Buffer.from('PK\x03\x04', 'latin1'), Buffer.alloc(40)]);
    expect(sniffFileType(docx, 'application/vnd.openxmlformats-officedocument.wordprocessingml.document')).toMatchObject({ extension: 'docx', description: 'a Word document' });
    expect(sniffFileType(docx, 'image/png')).toMatchObject({ mediaType: 'application/zip', extension: 'zip' });
    expect(sniffFileType(Buffer.from('ID3\x04\0\0\0\0\0\0', 'latin1'), 'audio/mpeg')).toMatchObject({ mediaType: 'audio/mpeg', extension: 'mp3' });
    expect(sniffFileType(Buffer.from([0, 1, 2, 3, 0xfe, 0x00, 0x99]), 'image/png')).toMatchObject({ mediaType: 'application/octet-stream', extension: 'bin', raster: null });
  });
});

describe('the leak scan reads metadata back out of packet files', () => {
  it('finds the name in the original photo’s EXIF, IPTC, XMP and comment, and nothing in the cleaned copy', async () => {
    const texts = await metadataTexts(photo, 'image/jpeg');
    const fieldsWithName = texts.filter((t) => t.text.includes(NAME)).map((t) => t.field);
    expect(fieldsWithName).toEqual(expect.arrayContaining(['ifd0.Artist', 'ifd0.ImageDescription', 'iptc.Byline', 'jpeg comment']));
    expect(fieldsWithName.some((field) => field.includes('creator'))).toBe(true);
    expect(texts.some((t) => t.text === CITY)).toBe(true);

    const copy = await prepareEvidenceCopy({ ref: 'E1', bytes: photo, mediaType: 'image/jpeg', includeAsIs: false });
    expect(await metadataTexts(copy.data, 'image/jpeg')).toEqual([]);
  });

  it('finds the author in a PDF’s Info dictionary and its XMP, even when the PDF claims to be a photo', async () => {
    const texts = await metadataTexts(pdf, 'image/jpeg');
    expect(texts).toEqual(expect.arrayContaining([{ field: 'pdf Info.Author', text: NAME }, { field: 'pdf xmp dc:creator', text: NAME }]));
    expect(await hasLocationMetadata(pdf)).toBe(false);
  });

  it('reading a PDF leaves the caller’s bytes intact (pdf.js detaches buffers it is given)', async () => {
    const bytes = new Uint8Array(pdf);
    await metadataTexts(bytes, 'application/pdf');
    expect(Buffer.from(bytes).equals(pdf)).toBe(true);
  });

  it('a PDF that cannot be opened fails closed: it cannot be shown to be clean', async () => {
    const broken = Buffer.concat([Buffer.from('%PDF-1.7\n'), Buffer.alloc(200, 0x20)]);
    await expect(metadataTexts(broken, 'application/pdf')).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('other files have no metadata to report here', async () => {
    expect(await metadataTexts(Buffer.from('plain text'), 'text/plain')).toEqual([]);
  });

  it('XMP values are reported under the property holding them, entities decoded', () => {
    const found = xmpTexts('<x:xmpmeta><rdf:Description photoshop:City="Fiction &amp; Co"><dc:creator><rdf:Seq><rdf:li>A &#x41;</rdf:li></rdf:Seq></dc:creator></rdf:Description></x:xmpmeta>');
    expect(found).toEqual([
      { name: 'photoshop:City', text: 'Fiction & Co' },
      { name: 'dc:creator', text: 'A A' },
    ]);
  });
});
