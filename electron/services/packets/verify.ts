import { AppError } from '../../../shared/errors';
import { CHECKSUMS_FILE, MANIFEST_FILE, parseManifest, renderSha256Sums, sha256Hex, type PacketManifest } from './manifest';
import { isSealedListing, unsealPacket } from './seal';
import { listPacketZip, openPacketZip, type PacketZipReader } from './zip';

/**
 * Checks a packet the way a recipient would, plus what their tools miss: every
 * file listed in manifest.json is present with the recorded size and SHA-256,
 * nothing unlisted was added, and SHA256SUMS says the same as the manifest.
 *
 * A packet handed back on a USB stick may be hostile (a ZIP bomb): the
 * manifest is read first (capped in size), each listed file is unpacked only
 * when the ZIP gives it the recorded size and then streamed through SHA-256
 * (never held in memory), files the manifest does not list are reported
 * without being unpacked, and entry counts and total size are capped.
 */

/** Far larger than any manifest.json or SHA256SUMS Casekeeper writes (a few KiB for hundreds of files). */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
/** A sealed file holds the packet ZIP stored as is, so its inner ZIP is never much larger than the file itself. */
const SEALED_SLACK_BYTES = 64 * 1024;

export type VerifiedFileStatus = 'ok' | 'mismatch' | 'missing' | 'unexpected';

export interface VerifiedFile {
  path: string;
  status: VerifiedFileStatus;
  /** From the manifest; null for an unexpected file. */
  expectedSha256: string | null;
  expectedSizeBytes: number | null;
  /**
   * What the packet holds; null for a missing file. For a file the manifest
   * does not list, and one whose size in the ZIP already differs, the size is
   * the one the ZIP gives and the SHA-256 null: such files are not unpacked.
   */
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

async function checkFiles(manifest: PacketManifest, zip: PacketZipReader): Promise<{ files: VerifiedFile[]; problems: string[] }> {
  const inZip = new Map(zip.entries.filter((e) => !e.directory).map((e) => [e.path, e.sizeBytes]));
  const files: VerifiedFile[] = [];
  const problems: string[] = [];
  for (const expected of manifest.files) {
    const claimed = inZip.get(expected.path);
    const base = { path: expected.path, expectedSha256: expected.sha256, expectedSizeBytes: expected.sizeBytes };
    if (claimed === undefined) {
      files.push({ ...base, status: 'missing', actualSha256: null, actualSizeBytes: null });
      problems.push(`${expected.path} is missing from the packet.`);
      continue;
    }
    if (claimed !== expected.sizeBytes) {
      files.push({ ...base, status: 'mismatch', actualSha256: null, actualSizeBytes: claimed });
      problems.push(`${expected.path} has a different size from the one recorded (${claimed} bytes instead of ${expected.sizeBytes}): it was changed.`);
      continue;
    }
    const actual = await zip.digest(expected.path);
    const ok = actual.sha256 === expected.sha256;
    files.push({ ...base, status: ok ? 'ok' : 'mismatch', actualSha256: actual.sha256, actualSizeBytes: actual.sizeBytes });
    if (!ok) problems.push(`${expected.path} does not match its recorded SHA-256 checksum: it was changed.`);
  }
  const listed = new Set([...manifest.files.map((f) => f.path), MANIFEST_FILE, CHECKSUMS_FILE]);
  for (const [path, sizeBytes] of inZip) {
    if (listed.has(path)) continue;
    files.push({ path, status: 'unexpected', expectedSha256: null, expectedSizeBytes: null, actualSha256: null, actualSizeBytes: sizeBytes });
    problems.push(`${path} is in the packet but not in its manifest: it was added.`);
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
  let zip: PacketZipReader;
  try {
    sealed = isSealedListing(await listPacketZip(bytes));
    let packetZip = bytes;
    if (sealed) {
      if (!options.passphrase) throw new AppError('VALIDATION', 'This packet is sealed with a passphrase. Enter the passphrase you were given for it to check it.');
      packetZip = (await unsealPacket(bytes, options.passphrase, { maxTotalBytes: bytes.byteLength + SEALED_SLACK_BYTES })).innerZip;
    }
    zip = await openPacketZip(packetZip, { passphrase: options.passphrase });
  } catch (error) {
    if (error instanceof AppError && error.code === 'CORRUPT') return failed(sealed, error.message);
    throw error;
  }

  try {
    const manifestBytes = await readSmall(zip, MANIFEST_FILE);
    if (manifestBytes === null) return failed(sealed, `${MANIFEST_FILE} is missing, so this is not a complete Casekeeper packet.`);
    if (manifestBytes === 'too large') return failed(sealed, `${MANIFEST_FILE} is far larger than any manifest Casekeeper writes, so it was not opened. Ask the sender for a new copy of the packet.`);
    const parsed = parseManifest(manifestBytes);
    if (!parsed.ok) return failed(sealed, parsed.problem);
    const { manifest } = parsed;

    const { files, problems } = await checkFiles(manifest, zip);
    const sums = await readSmall(zip, CHECKSUMS_FILE);
    if (sums === 'too large') problems.push(`${CHECKSUMS_FILE} is far larger than Casekeeper writes it, so it was not read.`);
    else problems.push(...checkSums(manifest, sums ?? undefined));
    return { ok: problems.length === 0, packetId: manifest.packetId, sealed, files, problems };
  } catch (error) {
    if (error instanceof AppError && error.code === 'CORRUPT') return failed(sealed, error.message);
    throw error;
  } finally {
    await zip.close();
  }
}

/** manifest.json or SHA256SUMS: null when absent, 'too large' when the ZIP says it is bigger than any Casekeeper writes. */
async function readSmall(zip: PacketZipReader, path: string): Promise<Uint8Array | null | 'too large'> {
  const entry = zip.entries.find((e) => e.path === path && !e.directory);
  if (!entry) return null;
  if (entry.sizeBytes > MAX_MANIFEST_BYTES) return 'too large';
  return zip.read(path, MAX_MANIFEST_BYTES);
}
