import { createHash } from 'node:crypto';
import { closeSync, openSync, readSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { applyRawKey } from '../../db/raw-key';
import { AppError } from '../../../shared/errors';
import type { BackupKind } from '../../../shared/ipc/backup-contract';
import { toAppError } from '../errors/to-app-error';
import { claimTemp, forgetTemp, partialPath, placeFile, removeLeftoverPartials } from '../files/atomic-write';
import type { KeyslotFile } from '../vault/keyslots';
import { statOrNull } from '../vault/vault-files';
import {
  BACKUP_EXTENSION,
  BACKUP_FORMAT,
  BACKUP_FORMAT_VERSION,
  encodeFooterHead,
  encodeFooterTail,
  forEachChunk,
  isPlaintextSqlite,
  macKeyOf,
  macOf,
  type BackupMeta,
} from './backup-format';
import { backupFileName } from './backup-names';

/** What a backup is made from: the vault's database file, its key and key slots. */
export interface BackupSource {
  databasePath: string;
  /** Only read (copied into a derived MAC key) before the first await, so a lock during the copy cannot zero it under us. */
  dataKey: Buffer;
  keyslots: KeyslotFile;
  vaultName: string;
  nativeBinding?: string;
}

export type BackupTarget = { folder: string } | { file: string };

export interface WrittenBackup {
  path: string;
  bytes: number;
  meta: BackupMeta;
}

/**
 * Writes one backup file atomically: the snapshot goes into a hidden temp
 * file in the destination folder (encrypted as SQLite writes it), is checked,
 * gets its metadata and footer, is fsynced and only then appears under its
 * final name. A failure or a crash leaves at most the hidden temp file
 * (encrypted; removed on failure) and never a half-written backup.
 */
export async function writeBackup(source: BackupSource, target: BackupTarget, kind: BackupKind, now: Date = new Date()): Promise<WrittenBackup> {
  const { folder, fileName } = resolveTarget(target, source.vaultName, now);
  removeLeftoverPartials(folder);
  const temp = partialPath(folder);
  claimTemp(temp);
  const macKey = macKeyOf(source.dataKey);
  try {
    // Created empty and owner-only first: VACUUM INTO writes into it (and SQLite gives its journal the same mode).
    closeSync(openSync(temp, 'wx', 0o600));
    const schemaVersion = snapshotInto(source, temp);
    const { bytes, meta } = await appendMetaAndFooter(temp, {
      format: BACKUP_FORMAT,
      formatVersion: BACKUP_FORMAT_VERSION,
      createdAt: now.toISOString(),
      kind,
      vault: { id: source.keyslots.vaultId, name: source.vaultName, createdAt: source.keyslots.createdAt },
      schemaVersion,
      cipher: source.keyslots.cipher,
      keyslots: { ...source.keyslots },
    }, macKey);
    const path = moveIntoPlace(temp, folder, fileName, source.vaultName, now, 'file' in target);
    return { path, bytes, meta };
  } catch (error) {
    throw backupWriteError(error);
  } finally {
    macKey.fill(0);
    rmSync(`${temp}-journal`, { force: true });
    forgetTemp(temp);
  }
}

function resolveTarget(target: BackupTarget, vaultName: string, now: Date): { folder: string; fileName: string } {
  if ('folder' in target) {
    const folder = resolve(target.folder);
    if (!statOrNull(folder)?.isDirectory()) {
      throw new AppError('NOT_FOUND', 'The backup folder does not exist or is not connected (is the drive plugged in?). Choose an existing folder.');
    }
    return { folder, fileName: backupFileName(vaultName, now) };
  }
  let file = resolve(target.file);
  if (!file.toLowerCase().endsWith(BACKUP_EXTENSION)) file += BACKUP_EXTENSION;
  if (statOrNull(file)) {
    throw new AppError('ALREADY_EXISTS', 'Something already exists at that location. Choose a new name for the backup; Casekeeper never overwrites files.');
  }
  if (!statOrNull(dirname(file))?.isDirectory()) {
    throw new AppError('NOT_FOUND', 'The folder you chose for the backup does not exist. Choose an existing folder.');
  }
  return { folder: dirname(file), fileName: basename(file) };
}

/**
 * VACUUM INTO on a separate read-only connection: it reads one committed
 * snapshot (never the app's own uncommitted transaction, never a half-done
 * write of another connection) and writes it through the cipher, so each
 * page reaches the disk encrypted under the same data key. Synchronous:
 * nothing can lock the vault (and zero its key) half-way.
 */
function snapshotInto(source: BackupSource, temp: string): number {
  const db = openKeyed(source.databasePath, source.dataKey, source.nativeBinding);
  try {
    db.prepare('VACUUM INTO ?').run(temp);
  } finally {
    db.close();
  }
  // Never trust that the copy came out encrypted: check before anything else reads it.
  const head = Buffer.alloc(100);
  const fd = openSync(temp, 'r');
  try {
    readSync(fd, head, 0, head.length, 0);
  } finally {
    closeSync(fd);
  }
  if (isPlaintextSqlite(head)) {
    throw new AppError('INTERNAL', 'Casekeeper stopped a backup that would not have been encrypted. Nothing was written; please report this.');
  }
  // The copy opens with the vault's key and every page authenticates.
  const copy = openKeyed(temp, source.dataKey, source.nativeBinding);
  try {
    const rows = copy.pragma('quick_check') as Array<Record<string, string>>;
    if (rows.length !== 1 || Object.values(rows[0]!)[0] !== 'ok') throw new AppError('INTERNAL', 'The backup did not pass its check after writing. Nothing was kept; try again.');
    return copy.pragma('user_version', { simple: true }) as number;
  } finally {
    copy.close();
  }
}

export function openKeyed(file: string, dataKey: Buffer, nativeBinding?: string): BetterSqlite3.Database {
  const db = new BetterSqlite3(file, { readonly: true, fileMustExist: true, nativeBinding });
  try {
    db.pragma(`cipher = 'aegis'`);
    db.pragma(`algorithm = 'aegis-256'`);
    applyRawKey(db, dataKey);
    // Sorts (index rebuilds) stay in memory: SQLite's temp files are not encrypted.
    db.pragma('temp_store = MEMORY');
    db.pragma('busy_timeout = 5000');
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

async function appendMetaAndFooter(temp: string, partial: Omit<BackupMeta, 'database'>, macKey: Buffer): Promise<{ bytes: number; meta: BackupMeta }> {
  const fh = await open(temp, 'r+');
  try {
    const dbBytes = (await fh.stat()).size;
    const whole = createHash('sha256');
    const db = createHash('sha256');
    await forEachChunk(fh, 0, dbBytes, (chunk) => {
      whole.update(chunk);
      db.update(chunk);
    });
    const meta: BackupMeta = { ...partial, database: { bytes: dbBytes, sha256: db.digest('hex') } };
    const metaBytes = Buffer.from(JSON.stringify(meta), 'utf8');
    const head = encodeFooterHead(metaBytes.length, dbBytes, macOf(metaBytes, macKey));
    whole.update(metaBytes).update(head);
    const tail = encodeFooterTail(whole.digest());
    const rest = Buffer.concat([metaBytes, head, tail]);
    let written = 0;
    while (written < rest.length) {
      const { bytesWritten } = await fh.write(rest, written, rest.length - written, dbBytes + written);
      written += bytesWritten;
    }
    await fh.sync();
    return { bytes: dbBytes + rest.length, meta };
  } finally {
    await fh.close();
  }
}

/**
 * Gives the finished file its name without ever replacing an existing file
 * (the shared exclusive placement, with its FAT/exFAT fallback): when the name
 * is taken, the next free name is tried, unless the caller asked for that
 * exact name.
 */
function moveIntoPlace(temp: string, folder: string, fileName: string, vaultName: string, now: Date, exactName: boolean): string {
  for (let attempt = 1; attempt <= 100; attempt += 1) {
    const target = join(folder, attempt === 1 ? fileName : backupFileName(vaultName, now, attempt));
    try {
      placeFile(temp, target, 'exclusive');
      return target;
    } catch (error) {
      if (!(error instanceof AppError && error.code === 'ALREADY_EXISTS')) throw error;
      if (exactName) throw new AppError('ALREADY_EXISTS', 'Something already exists at that location. Choose a new name for the backup; Casekeeper never overwrites files.');
    }
  }
  throw new AppError('ALREADY_EXISTS', 'Too many backups with the same name in that folder. Choose another folder.');
}

function backupWriteError(error: unknown): AppError {
  const appError = toAppError(error);
  switch (appError.code) {
    case 'DISK_FULL':
      return new AppError('DISK_FULL', 'The disk holding the backup folder is full, so no backup was written. Free some space or choose another folder; the vault is unchanged.', { cause: error });
    case 'READ_ONLY':
      return new AppError('READ_ONLY', 'Casekeeper cannot write to the backup folder. Choose a folder you can write to (not a locked USB stick or a read-only share).', { cause: error });
    default:
      return appError;
  }
}
