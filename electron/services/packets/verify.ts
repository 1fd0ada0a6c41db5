import { AppError } from '../../../shared/errors';
import { CHECKSUMS_FILE, MANIFEST_FILE, parseManifest, renderSha256Sums, sha256Hex, type PacketManifest } from './manifest';
import { isSealedListing, unsealPacket } from './seal';
import { listPacketZip, readPacketZip, type ZipEntryData } from './zip';

/**
 * Checks a packet the way a recipient would, plus what their tools miss: every
 * file listed in manifest.json is present with the recorded size and SHA-256,
 * nothing unlisted was added, and SHA256SUMS says the same as the manifest.
 */

export type VerifiedFileStatus = 'ok' | 'mismatch' | 'missing' | 'unexpected';

export interface VerifiedFile {
  path: string;
  status: VerifiedFileStatus;
  /** From the manifest; null for an unexpected file. */
  expectedSha256: string | null;
  expectedSizeBytes: number | null;
  /** What the packet holds; null for a missing file. */
  actualSha256: string | null;
  actualSizeBytes: number | null;
}

export interface VerifyReport {
  ok: boolean;
  /** Null when there is no readable manifest. */
  packetId: string | null;
  sealed: boolean;
  files: VerifiedFile[];
  /** One sentence per problem, for the caseworker. Empty when ok. */
  problems: string[];
}

/** SHA-256 of manifest.json exactly as written: what the audit log records for an export. */
export function manifestSha256(bytes: Uint8Array): string {
  return sha256Hex(bytes);
}

function checkFiles(manifest: PacketManifest, entries: ReadonlyArray<ZipEntryData>): { files: VerifiedFile[]; problems: string[] } {
  const byPath = new Map(entries.map((e) => [e.path, e.data]));
  const files: VerifiedFile[] = [];
  const problems: string[] = [];
  for (const expected of manifest.files) {
    const data = byPath.get(expected.path);
    if (data === undefined) {
      files.push({ path: expected.path, status: 'missing', expectedSha256: expected.sha256, expectedSizeBytes: expected.sizeBytes, actualSha256: null, actualSizeBytes: null });
      problems.push(`${expected.path} is missing from the packet.`);
      continue;
    }
    const actualSha256 = sha256Hex(data);
    const sameSize = data.byteLength === expected.sizeBytes;
    const ok = sameSize && actualSha256 === expected.sha256;
    files.push({ path: expected.path, status: ok ? 'ok' : 'mismatch', expectedSha256: expected.sha256, expectedSizeBytes: expected.sizeBytes, actualSha256, actualSizeBytes: data.byteLength });
    if (!sameSize) problems.push(`${expected.path} has a different size from the one recorded (${data.byteLength} bytes instead of ${expected.sizeBytes}): it was changed.`);
    else if (!ok) problems.push(`${expected.path} does not match its recorded SHA-256 checksum: it was changed.`);
  }
  const listed = new Set([...manifest.files.map((f) => f.path), MANIFEST_FILE, CHECKSUMS_FILE]);
  for (const entry of entries) {
    if (listed.has(entry.path)) continue;
    files.push({ path: entry.path, status: 'unexpected', expectedSha256: null, expectedSizeBytes: null, actualSha256: sha256Hex(entry.data), actualSizeBytes: entry.data.byteLength });
    problems.push(`${entry.path} is in the packet but not in its manifest: it was added.`);
  }
  return { files, problems };
}

/** SHA256SUMS must list the same files with the same checksums as manifest.json, so the two ways of checking agree. */
function checkSums(manifest: PacketManifest, sums: Uint8Array | undefined): string[] {
  if (sums === undefined) return [`${CHECKSUMS_FILE} is missing from the packet.`];
  const text = new TextDecoder().decode(sums);
  if (text === renderSha256Sums(manifest.files)) return [];
  const listed = new Map<string, string>();
  for (const line of text.split('\n')) {
    const match = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line);
    if (match) listed.set(match[2]!, match[1]!.toLowerCase());
  }
  const problems: string[] = [];
  for (const file of manifest.files) {
    const hash = listed.get(file.path);
    if (hash === undefined) problems.push(`${CHECKSUMS_FILE} does not list ${file.path}.`);
    else if (hash !== file.sha256) problems.push(`${CHECKSUMS_FILE} and manifest.json give different checksums for ${file.path}.`);
    listed.delete(file.path);
  }
  for (const path of listed.keys()) problems.push(`${CHECKSUMS_FILE} lists ${path}, which manifest.json does not.`);
  if (problems.length === 0) problems.push(`${CHECKSUMS_FILE} is not laid out as Casekeeper writes it.`);
  return problems;
}

function failed(sealed: boolean, problem: string, packetId: string | null = null): VerifyReport {
  return { ok: false, packetId, sealed, files: [], problems: [problem] };
}

/**
 * Verifies a packet, sealed or not. Returns a report for anything wrong with
 * the packet itself, damage included. Throws AppError only when the caseworker
 * must act: VALIDATION when a passphrase is needed or the file is too large to
 * open, WRONG_PASSPHRASE when the passphrase does not open it.
 */
export async function verifyPacket(bytes: Uint8Array, options: { passphrase?: string } = {}): Promise<VerifyReport> {
  let sealed = false;
  let entries: ZipEntryData[];
  try {
    sealed = isSealedListing(await listPacketZip(bytes));
    let packetZip = bytes;
    if (sealed) {
      if (!options.passphrase) throw new AppError('VALIDATION', 'This packet is sealed with a passphrase. Enter the passphrase you were given for it to check it.');
      packetZip = (await unsealPacket(bytes, options.passphrase)).innerZip;
    }
    entries = await readPacketZip(packetZip, { passphrase: options.passphrase });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CORRUPT') return failed(sealed, error.message);
    throw error;
  }

  const manifestEntry = entries.find((e) => e.path === MANIFEST_FILE);
  if (!manifestEntry) return failed(sealed, `${MANIFEST_FILE} is missing, so this is not a complete Casekeeper packet.`);
  const parsed = parseManifest(manifestEntry.data);
  if (!parsed.ok) return failed(sealed, parsed.problem);
  const { manifest } = parsed;

  const { files, problems } = checkFiles(manifest, entries);
  problems.push(...checkSums(manifest, entries.find((e) => e.path === CHECKSUMS_FILE)?.data));
  return { ok: problems.length === 0, packetId: manifest.packetId, sealed, files, problems };
}
