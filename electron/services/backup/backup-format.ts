import { createHash, createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { BACKUP_KINDS } from '../../../shared/ipc/backup-contract';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { toAppError } from '../errors/to-app-error';
import { KEYSLOTS_FORMAT, KEYSLOTS_FORMAT_VERSION, VAULT_CIPHER, type KeyslotFile } from '../vault/keyslots';
import { KEYSLOTS_FILE, statOrNull } from '../vault/vault-files';

/**
 * A backup is ONE file, `*.ckbackup`, laid out so that it can be checked
 * without the passphrase and previewed without being copied:
 *
 *   [0, dbBytes)            the vault database as SQLite3 Multiple Ciphers writes it:
 *                           every page AEGIS-256-encrypted under the vault's data key
 *                           (made with VACUUM INTO: a consistent snapshot, no free pages)
 *   [dbBytes, +metaBytes)   metadata, UTF-8 JSON (see `backupMetaSchema`): format marker
 *                           and version, when, which vault, schema version, the SHA-256 of
 *                           the database part and the vault's key slots (the wrapped data
 *                           key; no case data)
 *   last 96 bytes           footer, big-endian: u32 format version, u32 metaBytes,
 *                           u64 dbBytes, HMAC-SHA256 of the metadata bytes under a key
 *                           derived from the data key (32), SHA-256 of every byte before
 *                           this checksum (32), the 16-byte magic "CasekeeperBackup"
 *
 * The database comes first so SQLite can open the file in place, read-only,
 * for a preview (SQLite ignores bytes past the database's own page count).
 * The checksum tells damage (CORRUPT) from a wrong passphrase before any key
 * is derived; the HMAC proves the metadata was not altered by someone without
 * the key. Future versions keep the footer's version field where it is.
 */
export const BACKUP_EXTENSION = '.ckbackup';
export const BACKUP_FORMAT = 'casekeeper-backup';
export const BACKUP_FORMAT_VERSION = 1;
export const FOOTER_BYTES = 96;
const MAGIC = Buffer.from('CasekeeperBackup', 'ascii');
const MAX_META_BYTES = 1024 * 1024;
const SQLITE_PLAINTEXT_HEADER = Buffer.from('SQLite format 3\0', 'latin1');

export interface Footer {
  formatVersion: number;
  metaBytes: number;
  dbBytes: number;
  mac: Buffer;
  checksum: Buffer;
}

// Key slots as keyslots.json holds them, minus its checksum (this file has its own).
// Shape-checked here; writeKeyslots validates them fully when a backup is restored.
const keyslotsShape = z.looseObject({
  format: z.literal(KEYSLOTS_FORMAT),
  formatVersion: z.number().int(),
  vaultId: z.string(),
  createdAt: z.string(),
  cipher: z.literal(VAULT_CIPHER),
  slots: z.array(z.looseObject({ kind: z.enum(['passphrase', 'recovery']) })).min(1).max(8),
});

export const backupMetaSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION),
  createdAt: z.string(),
  kind: z.enum(BACKUP_KINDS),
  vault: z.strictObject({ id: z.string(), name: z.string(), createdAt: z.string() }),
  schemaVersion: z.number().int().min(0),
  cipher: z.literal(VAULT_CIPHER),
  database: z.strictObject({ bytes: z.number().int().min(0), sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  keyslots: keyslotsShape,
});
export type BackupMeta = z.infer<typeof backupMetaSchema>;

export interface BackupInfo {
  path: string;
  bytes: number;
  footer: Footer;
  meta: BackupMeta;
  /** The metadata exactly as stored: the HMAC covers these bytes. */
  metaBytes: Buffer;
}

// ---- errors ----------------------------------------------------------------

export function damagedBackup(detail = 'it failed its checksum'): AppError {
  return new AppError(
    'CORRUPT',
    `This backup file is damaged or incomplete (${detail}). It cannot be restored: use another backup. Keep the damaged copy in case an expert can examine it.`,
  );
}

export function notABackup(): AppError {
  return new AppError('NOT_A_VAULT', `This is not a Casekeeper backup. Backup files end in “${BACKUP_EXTENSION}”; choose one of those.`);
}

export function newerBackup(): AppError {
  return new AppError('NEWER_VERSION', 'This backup was made by a newer version of Casekeeper. Update Casekeeper to open it; this version leaves it untouched.');
}

// ---- footer and metadata ---------------------------------------------------

/** The footer up to (not including) the checksum, which covers it. */
export function encodeFooterHead(metaBytes: number, dbBytes: number, mac: Buffer): Buffer {
  const head = Buffer.alloc(48);
  head.writeUInt32BE(BACKUP_FORMAT_VERSION, 0);
  head.writeUInt32BE(metaBytes, 4);
  head.writeBigUInt64BE(BigInt(dbBytes), 8);
  mac.copy(head, 16);
  return head;
}

export function encodeFooterTail(checksum: Buffer): Buffer {
  return Buffer.concat([checksum, MAGIC]);
}

function decodeFooter(bytes: Buffer): Footer | null {
  if (bytes.length !== FOOTER_BYTES || !bytes.subarray(80).equals(MAGIC)) return null;
  const dbBytes = bytes.readBigUInt64BE(8);
  return {
    formatVersion: bytes.readUInt32BE(0),
    metaBytes: bytes.readUInt32BE(4),
    dbBytes: dbBytes > BigInt(Number.MAX_SAFE_INTEGER) ? Number.MAX_SAFE_INTEGER : Number(dbBytes),
    mac: Buffer.from(bytes.subarray(16, 48)),
    checksum: Buffer.from(bytes.subarray(48, 80)),
  };
}

/** The metadata key: derived from the data key, so only someone who can open the vault can sign a backup of it. */
export function macKeyOf(dataKey: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', dataKey, Buffer.alloc(0), 'casekeeper backup metadata v1', 32));
}

export function macOf(metaBytes: Buffer, macKey: Buffer): Buffer {
  return createHmac('sha256', macKey).update(metaBytes).digest();
}

/** Throws CORRUPT when the metadata was changed by someone without the key. */
export function assertMetaAuthentic(info: BackupInfo, macKey: Buffer): void {
  if (!timingSafeEqual(macOf(info.metaBytes, macKey), info.footer.mac)) throw damagedBackup('its details were altered');
}

/** The key slots as the vault's keyslots.json holds them (without that file's own checksum). */
export function keyslotsOf(meta: BackupMeta): KeyslotFile {
  return meta.keyslots as unknown as KeyslotFile;
}

export function isPlaintextSqlite(firstBytes: Buffer): boolean {
  return firstBytes.subarray(0, SQLITE_PLAINTEXT_HEADER.length).equals(SQLITE_PLAINTEXT_HEADER);
}

// ---- reading -----------------------------------------------------------------

/**
 * Reads and checks the footer and metadata only (no passphrase, and not the
 * whole file): enough to list backups and to refuse foreign, truncated or
 * newer files before anyone types a passphrase.
 */
export async function readBackupInfo(path: string): Promise<BackupInfo> {
  const stat = statOrNull(path);
  if (!stat) throw new AppError('NOT_FOUND', 'There is no backup file at that location. Check the path and try again.');
  if (stat.isDirectory()) {
    if (statOrNull(join(path, KEYSLOTS_FILE))?.isFile()) {
      throw new AppError('NOT_A_VAULT', 'That is a vault, not a backup file. Open it from the welcome screen, or choose a file ending in “.ckbackup”.');
    }
    throw new AppError('NOT_A_VAULT', `That is a folder, not a backup file. Choose a file ending in “${BACKUP_EXTENSION}”.`);
  }
  if (!stat.isFile()) throw notABackup();
  const size = Number(stat.size);
  const looksLikeOurs = basename(path).toLowerCase().endsWith(BACKUP_EXTENSION);
  const fh = await openForReading(path);
  try {
    if (size < FOOTER_BYTES) throw looksLikeOurs ? damagedBackup('it is too short') : notABackup();
    const footer = decodeFooter(await readAt(fh, size - FOOTER_BYTES, FOOTER_BYTES));
    // Without the end marker the file is either not a backup or was cut short.
    if (!footer) throw looksLikeOurs ? damagedBackup('its end is missing; the copy may have been interrupted') : notABackup();
    if (footer.formatVersion > BACKUP_FORMAT_VERSION) throw newerBackup();
    if (footer.formatVersion < 1 || footer.metaBytes > MAX_META_BYTES || footer.dbBytes + footer.metaBytes + FOOTER_BYTES !== size) {
      throw damagedBackup('its length does not match its contents');
    }
    const metaBytes = await readAt(fh, footer.dbBytes, footer.metaBytes);
    let meta: BackupMeta;
    try {
      meta = backupMetaSchema.parse(JSON.parse(metaBytes.toString('utf8')));
    } catch {
      throw damagedBackup('its details cannot be read');
    }
    if (meta.keyslots.formatVersion > KEYSLOTS_FORMAT_VERSION || meta.schemaVersion > LATEST_SCHEMA_VERSION) throw newerBackup();
    if (meta.database.bytes !== footer.dbBytes) throw damagedBackup('its length does not match its contents');
    return { path, bytes: size, footer, meta, metaBytes };
  } finally {
    await fh.close();
  }
}

/** Reads the whole file once and compares it with the footer's SHA-256 (and the database part with the metadata's). */
export async function verifyBackupChecksum(info: BackupInfo): Promise<void> {
  const fh = await openForReading(info.path);
  try {
    const whole = createHash('sha256');
    const db = createHash('sha256');
    const end = info.bytes - (FOOTER_BYTES - 48);
    await forEachChunk(fh, 0, end, (chunk, offset) => {
      whole.update(chunk);
      const dbPart = Math.max(0, Math.min(chunk.length, info.footer.dbBytes - offset));
      if (dbPart > 0) db.update(chunk.subarray(0, dbPart));
    });
    if (!whole.digest().equals(info.footer.checksum) || db.digest('hex') !== info.meta.database.sha256) throw damagedBackup();
  } finally {
    await fh.close();
  }
}

const CHUNK = 1024 * 1024;

/** Calls `use` with consecutive chunks of [start, end); the buffer is reused between calls. */
export async function forEachChunk(fh: FileHandle, start: number, end: number, use: (chunk: Buffer, offset: number) => void | Promise<void>): Promise<void> {
  const buffer = Buffer.alloc(CHUNK);
  let offset = start;
  while (offset < end) {
    const { bytesRead } = await fh.read(buffer, 0, Math.min(CHUNK, end - offset), offset);
    if (bytesRead === 0) throw damagedBackup('it ended early');
    await use(buffer.subarray(0, bytesRead), offset - start);
    offset += bytesRead;
  }
}

async function readAt(fh: FileHandle, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  let done = 0;
  while (done < length) {
    const { bytesRead } = await fh.read(buffer, done, length - done, position + done);
    if (bytesRead === 0) throw damagedBackup('it ended early');
    done += bytesRead;
  }
  return buffer;
}

async function openForReading(path: string): Promise<FileHandle> {
  try {
    return await open(path, 'r');
  } catch (error) {
    const appError = toAppError(error);
    if (appError.code === 'READ_ONLY') throw new AppError('READ_ONLY', 'Casekeeper may not read that backup file. Check its permissions.');
    throw appError;
  }
}
