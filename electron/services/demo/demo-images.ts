import { mulberry32 } from '../../../shared/seeded-random';
import { createHash } from 'node:crypto';
import PDFDocument from 'pdfkit';
import sharp from 'sharp';
// @ts-expect-error -- piexifjs ships no type declarations; the small part used here is typed below.
import piexifUntyped from 'piexifjs';

/**
 * Fictional evidence files for demo vaults: abstract pictures (shapes and
 * colours, never people) carrying camera EXIF with GPS, as a real phone photo
 * would (so packet exports can show that EXIF is stripped), and a PDF letter
 * that says on its face that it is fictional. Same inputs, same bytes.
 */
interface PiexifApi {
  ImageIFD: Record<string, number>;
  ExifIFD: Record<string, number>;
  GPSIFD: Record<string, number>;
  GPSHelper: { degToDmsRational(degrees: number): number[][] };
  dump(exif: Record<string, Record<number, unknown>>): string;
  insert(exif: string, jpegBinary: string): string;
}
const piexif = piexifUntyped as PiexifApi;

/** A small seeded generator (mulberry32): the same seed draws the same picture. */
export function seededRandom(seed: string): () => number {
  return mulberry32(createHash('sha256').update(seed).digest().readUInt32LE(0));
}

export interface DemoPhotoSpec {
  seed: string;
  /** Where the fictional photo was "taken". */
  latitude: number;
  longitude: number;
  takenAt: Date;
  width?: number;
  height?: number;
}

const PALETTE = ['#2f4858', '#33658a', '#86bbd8', '#f6ae2d', '#f26419', '#758e4f', '#a23b72', '#e2e2e2'];

function svgFor(spec: DemoPhotoSpec, width: number, height: number): string {
  const random = seededRandom(spec.seed);
  const pick = () => PALETTE[Math.floor(random() * PALETTE.length)]!;
  const shapes: string[] = [];
  for (let i = 0; i < 14; i += 1) {
    const x = Math.round(random() * width);
    const y = Math.round(random() * height);
    const size = Math.round(20 + random() * (width / 4));
    shapes.push(
      random() < 0.5
        ? `<circle cx="${x}" cy="${y}" r="${size / 2}" fill="${pick()}" fill-opacity="0.8"/>`
        : `<rect x="${x - size / 2}" y="${y - size / 3}" width="${size}" height="${Math.round(size / 1.5)}" fill="${pick()}" fill-opacity="0.8"/>`,
    );
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="100%" height="100%" fill="${pick()}"/>${shapes.join('')}</svg>`;
}

function exifDateTime(date: Date): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 10).replace(/-/g, ':')} ${iso.slice(11, 19)}`;
}

/** A JPEG of abstract shapes with camera EXIF including GPS coordinates. */
export async function makeDemoJpeg(spec: DemoPhotoSpec): Promise<Buffer> {
  const width = spec.width ?? 480;
  const height = spec.height ?? 320;
  const jpeg = await sharp(Buffer.from(svgFor(spec, width, height))).jpeg({ quality: 80 }).toBuffer();
  const { ImageIFD, ExifIFD, GPSIFD, GPSHelper } = piexif;
  const exif = piexif.dump({
    '0th': {
      [ImageIFD.Make!]: 'Casekeeper demo',
      [ImageIFD.Model!]: 'Fictional camera',
      [ImageIFD.Software!]: 'Casekeeper demo data generator',
      [ImageIFD.ImageDescription!]: 'Fictional demo image (shapes only)',
      [ImageIFD.DateTime!]: exifDateTime(spec.takenAt),
    },
    Exif: {
      [ExifIFD.DateTimeOriginal!]: exifDateTime(spec.takenAt),
      [ExifIFD.PixelXDimension!]: width,
      [ExifIFD.PixelYDimension!]: height,
    },
    GPS: {
      [GPSIFD.GPSVersionID!]: [2, 3, 0, 0],
      [GPSIFD.GPSLatitudeRef!]: spec.latitude >= 0 ? 'N' : 'S',
      [GPSIFD.GPSLatitude!]: GPSHelper.degToDmsRational(Math.abs(spec.latitude)),
      [GPSIFD.GPSLongitudeRef!]: spec.longitude >= 0 ? 'E' : 'W',
      [GPSIFD.GPSLongitude!]: GPSHelper.degToDmsRational(Math.abs(spec.longitude)),
      [GPSIFD.GPSDateStamp!]: spec.takenAt.toISOString().slice(0, 10).replace(/-/g, ':'),
    },
  });
  return Buffer.from(piexif.insert(exif, jpeg.toString('binary')), 'binary');
}

export interface DemoLetterSpec {
  title: string;
  /** Paragraphs in Latin script (the PDF's built-in fonts have no CJK glyphs). */
  paragraphs: string[];
  /** Fixed, so the file's bytes (and its SHA-256) do not change between runs. */
  createdAt: Date;
}

/** A one-page PDF letter, clearly marked as fictional demo data. */
export function makeDemoPdf(spec: DemoLetterSpec): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      margin: 56,
      info: { Title: spec.title, Author: 'Casekeeper demo data', Creator: 'Casekeeper', Producer: 'Casekeeper', CreationDate: spec.createdAt, ModDate: spec.createdAt },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.fillColor('#a00').fontSize(10).text('FICTIONAL DEMO DOCUMENT - NOT A REAL SUMMONS', { align: 'center' });
    doc.moveDown();
    doc.fillColor('#000').fontSize(16).text(spec.title, { align: 'center' });
    doc.moveDown();
    doc.fontSize(11);
    for (const paragraph of spec.paragraphs) {
      doc.text(paragraph, { align: 'left' });
      doc.moveDown();
    }
    doc.end();
  });
}
