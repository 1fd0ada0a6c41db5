import { AppError } from '../../../shared/errors';
import { metadataTexts } from './file-metadata';
import { scanForLeaks, type LeakHit, type ScannedText } from './leak-scan';
import { extractPdfText } from './pdf-text';
import type { SensitiveValue } from './sensitive-values';
import type { ZipEntryData } from './zip';

/**
 * Re-reads a finished packet the way a recipient could (DESIGN §6): the
 * PDF's text extracted back and its metadata, every text file, every file
 * name, and the metadata of every evidence copy, then looks for every
 * withheld value. An evidence file that cannot be read back is a hit too:
 * what cannot be checked does not leave.
 */

const TEXT_FILE = /\.(json|txt|csv|eml|md)$|^SHA256SUMS$/i;

function mediaTypeOf(path: string): string {
  const ext = path.slice(path.lastIndexOf('.') + 1).toLowerCase();
  const known: Record<string, string> = { pdf: 'application/pdf', jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', webp: 'image/webp', gif: 'image/gif', tif: 'image/tiff', tiff: 'image/tiff' };
  return known[ext] ?? 'application/octet-stream';
}

async function pdfTexts(file: string, data: Uint8Array): Promise<ScannedText[]> {
  const { pages, metadata } = await extractPdfText(data);
  return [...pages.map((text, i) => ({ file, field: `page ${i + 1}`, text })), ...metadata.map((m) => ({ file, field: `metadata ${m.field}`, text: m.text }))];
}

async function textsOf(entry: ZipEntryData): Promise<ScannedText[]> {
  const file = entry.path;
  const texts: ScannedText[] = [{ file, field: 'file name', text: file }];
  const name = file.slice(file.lastIndexOf('/') + 1);
  if (TEXT_FILE.test(name)) {
    texts.push({ file, field: 'text', text: new TextDecoder('utf-8', { fatal: false }).decode(entry.data) });
    return texts;
  }
  const mediaType = mediaTypeOf(name);
  try {
    if (mediaType === 'application/pdf') texts.push(...(await pdfTexts(file, entry.data)));
    texts.push(...(await metadataTexts(entry.data, mediaType)).map((m) => ({ file, field: `metadata ${m.field}`, text: m.text })));
  } catch (error) {
    throw new AppError('LEAK_DETECTED', `The packet was not written: ${file} could not be read back to check it for withheld names and details. Leave that file out and export again.`, { cause: error });
  }
  return texts;
}

export async function scanPacketFiles(entries: readonly ZipEntryData[], withheld: readonly SensitiveValue[], outerNames: readonly string[]): Promise<LeakHit[]> {
  const texts: ScannedText[] = outerNames.map((name) => ({ file: name, field: 'packet file name', text: name }));
  for (const entry of entries) texts.push(...(await textsOf(entry)));
  return scanForLeaks(texts, withheld);
}
