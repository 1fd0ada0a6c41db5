import { Uint8ArrayReader, ZipReader } from '@zip.js/zip.js';
import { AppError } from '../../../shared/errors';
import { newFileTextContext, readFileTexts, type FileTextLimits } from './file-texts';
import { scanForLeaks, type LeakHit, type ScannedText, type ScanOptions } from './leak-scan';
import { CHECKSUMS_FILE, MANIFEST_FILE } from './manifest';
import type { SensitiveValue } from './sensitive-values';
import type { SniffedType } from './sniff';
import { decodeTextAll } from './text-encodings';
import type { ZipEntryData } from './zip';

/**
 * Re-reads a finished packet the way a recipient could (DESIGN §6), as a
 * second line independent of the scrubber: every file decoded by the type its
 * bytes show (file-texts.ts), every file name, and the produced ZIP's own
 * names and comments, then looks for every withheld value. A file that cannot
 * be read back, or whose bytes are not the type the packet records for it,
 * blocks the export: what cannot be checked does not leave.
 */

export interface PacketTexts {
  texts: ScannedText[];
  /** Why the packet cannot be checked, one sentence part per file: "evidence/E02.bin: is a file of unknown type, which cannot be checked". */
  problems: Array<{ file: string; reason: string }>;
}

/** The type a name's extension promises, for files the manifest does not list. */
const EXTENSION_TYPES: Readonly<Record<string, string>> = { json: 'application/json', txt: 'text/plain', pdf: 'application/pdf' };
const SAME_EXTENSION: Readonly<Record<string, string>> = { jpeg: 'jpg', tif: 'tiff', htm: 'html', heif: 'heic' };

function extensionOf(path: string): string | null {
  const name = path.slice(path.lastIndexOf('/') + 1);
  const dot = name.lastIndexOf('.');
  if (dot <= 0) return null;
  const extension = name.slice(dot + 1).toLowerCase();
  return SAME_EXTENSION[extension] ?? extension;
}

function bareType(mediaType: string): string {
  return mediaType.split(';')[0]!.trim().toLowerCase();
}

/** The media type the packet's manifest records for each file; the manifest itself and SHA256SUMS are plain text and JSON. */
function recordedTypes(entries: readonly ZipEntryData[]): { types: Map<string, string>; problem: string | null } {
  const types = new Map<string, string>([[MANIFEST_FILE, 'application/json'], [CHECKSUMS_FILE, 'text/plain']]);
  const manifest = entries.find((e) => e.path === MANIFEST_FILE);
  if (!manifest) return { types, problem: null };
  try {
    const parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(manifest.data)) as { files?: Array<{ path?: unknown; mediaType?: unknown }> };
    for (const file of parsed.files ?? []) if (typeof file.path === 'string' && typeof file.mediaType === 'string') types.set(file.path, file.mediaType);
    return { types, problem: null };
  } catch {
    return { types, problem: 'could not be read back as JSON' };
  }
}

/** Why the bytes are not what the packet says they are, or null when they agree. */
function typeMismatch(path: string, recorded: string | undefined, sniffed: SniffedType): string | null {
  if (recorded !== undefined && bareType(recorded) !== sniffed.mediaType) return `is recorded as ${bareType(recorded)} but its contents are ${sniffed.description}`;
  const extension = extensionOf(path);
  const expected = SAME_EXTENSION[sniffed.extension] ?? sniffed.extension;
  if (extension !== null && extension !== expected) return `is named .${extension} but its contents are ${sniffed.description}`;
  return null;
}

/** Names and comments of the ZIP as written: what any unzip tool lists before a file is opened. */
async function zipTexts(zip: Uint8Array, scanned: ReadonlySet<string>, out: PacketTexts): Promise<void> {
  const file = 'the packet ZIP';
  const reader = new ZipReader(new Uint8ArrayReader(zip));
  try {
    const entries = await reader.getEntries({ filenameValidation: 'tolerant' });
    for (const reading of decodeTextAll(reader.comment)) out.texts.push({ file, field: `ZIP comment (${reading.encoding})`, text: reading.text });
    for (const entry of entries) {
      out.texts.push({ file, field: 'entry name', text: entry.filename });
      if (entry.comment) out.texts.push({ file, field: `entry ${entry.filename} comment`, text: entry.comment });
      // Every file in the ZIP must be one whose content was read above.
      if (!entry.directory && !scanned.has(entry.filename)) out.problems.push({ file: entry.filename, reason: 'is in the ZIP but was not among the files checked' });
    }
  } catch {
    out.problems.push({ file, reason: 'could not be read back' });
  } finally {
    await reader.close();
  }
}

/**
 * Everything a recipient could read in the packet, as text. `zip` is the
 * packet ZIP as it will be written (its names and comments are read too);
 * `outerNames` are names the recipient sees without opening anything.
 */
export async function extractPacketTexts(
  entries: readonly ZipEntryData[],
  outerNames: readonly string[],
  options: { zip?: Uint8Array | undefined; limits?: FileTextLimits | undefined } = {},
): Promise<PacketTexts> {
  const ctx = newFileTextContext(options.limits);
  for (const name of outerNames) ctx.texts.push({ file: name, field: 'packet file name', text: name });
  const { types, problem } = recordedTypes(entries);
  if (problem) ctx.problems.push({ file: MANIFEST_FILE, reason: problem });
  for (const entry of entries) {
    ctx.texts.push({ file: entry.path, field: 'file name', text: entry.path });
    const recorded = types.get(entry.path) ?? EXTENSION_TYPES[extensionOf(entry.path) ?? ''] ?? (entry.path === CHECKSUMS_FILE ? 'text/plain' : '');
    const sniffed = await readFileTexts(ctx, entry.path, '', entry.data, recorded);
    const mismatch = typeMismatch(entry.path, recorded || undefined, sniffed);
    if (mismatch) ctx.problems.push({ file: entry.path, reason: mismatch });
  }
  const result: PacketTexts = { texts: ctx.texts, problems: ctx.problems };
  if (options.zip) await zipTexts(options.zip, new Set(entries.map((e) => e.path)), result);
  return result;
}

export interface PacketScanOptions extends ScanOptions {
  /** The packet ZIP as it will be written: its entry names and comments are checked too. */
  zip?: Uint8Array;
  limits?: FileTextLimits;
}

export async function scanPacketFiles(
  entries: readonly ZipEntryData[],
  withheld: readonly SensitiveValue[],
  outerNames: readonly string[],
  options: PacketScanOptions = {},
): Promise<LeakHit[]> {
  const { zip, limits, ...matching } = options;
  const { texts, problems } = await extractPacketTexts(entries, outerNames, { zip, limits });
  if (problems.length > 0) {
    const files = [...new Set(problems.map((p) => p.file))];
    const reasons = problems.map((p) => `${p.file} ${p.reason}`).join('; ');
    throw new AppError(
      'LEAK_DETECTED',
      `The packet was not written: ${files.join(', ')} could not be read back to check it for withheld names and details (${reasons}). Leave ${files.length === 1 ? 'that file' : 'those files'} out and export again.`,
    );
  }
  return scanForLeaks(texts, withheld, matching);
}
