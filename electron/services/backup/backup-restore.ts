import { createHash } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { dirname } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { BackupPreview } from '../../../shared/ipc/backup-contract';
import { assertIntact, createKysely, openRawDatabase, type RawDatabase } from '../../db/connection';
import { toAppError } from '../errors/to-app-error';
import {
  makePassphraseSlot,
  passphraseSlotOf,
  recoverySlotOf,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  withSlot,
  writeKeyslots,
  type KeyslotFile,
} from '../vault/keyslots';
import type { KdfParams } from '../vault/kdf';
import { markRestoreFinished, markRestoreStarted } from '../vault/incomplete-restore';
import { parseRecoveryKey } from '../vault/recovery-key';
import { assertPassphraseAcceptable, type VaultDeps } from '../vault/vault.service';
import { statOrNull, vaultPaths, withVaultExtension } from '../vault/vault-files';
import {
  assertMetaAuthentic,
  damagedBackup,
  forEachChunk,
  keyslotsOf,
  macKeyOf,
  readBackupInfo,
  verifyBackupChecksum,
  type BackupInfo,
} from './backup-format';
import { putLastBackup } from './backup-record';
import { openKeyed } from './backup-writer';

/** What opens a backup: the vault's passphrase at the time of the backup, or its recovery key. */
export type BackupSecret = { passphrase: string } | { recoveryKey: string };

interface OpenedBackup {
  info: BackupInfo;
  keyslots: KeyslotFile;
  /** Zero it when done. */
  dataKey: Buffer;
}

/**
 * Checks a backup end to end before anything is derived or written:
 * footer and metadata (foreign, truncated or newer files are refused), the
 * SHA-256 of the whole file (damage), then the key slot (wrong passphrase),
 * then the metadata's HMAC under the data key (tampering).
 */
async function openBackup(path: string, secret: BackupSecret): Promise<OpenedBackup> {
  const info = await readBackupInfo(path);
  await verifyBackupChecksum(info);
  const keyslots = keyslotsOf(info.meta);
  const dataKey = await unwrap(keyslots, secret);
  const macKey = macKeyOf(dataKey);
  try {
    assertMetaAuthentic(info, macKey);
  } catch (error) {
    dataKey.fill(0);
    throw error;
  } finally {
    macKey.fill(0);
  }
  return { info, keyslots, dataKey };
}

async function unwrap(keyslots: KeyslotFile, secret: BackupSecret): Promise<Buffer> {
  // A mistyped recovery key is the user's to fix (VALIDATION), so it is parsed first.
  const recoveryBytes = 'recoveryKey' in secret ? parseRecoveryKey(secret.recoveryKey) : null;
  try {
    return recoveryBytes ? unwrapWithRecoveryKey(keyslots, recoveryBytes) : await unwrapWithPassphrase(keyslots, (secret as { passphrase: string }).passphrase);
  } catch (error) {
    if (error instanceof AppError && error.code === 'WRONG_PASSPHRASE') {
      throw new AppError(
        'WRONG_PASSPHRASE',
        recoveryBytes
          ? 'That recovery key does not open this backup. Check each group against the printed copy, or use the passphrase instead.'
          : 'That passphrase does not open this backup. A backup opens with the passphrase the vault had when the backup was made, or with its recovery key.',
      );
    }
    // Key slots that pass the checksum but not their own rules (e.g. KDF settings out of range): a crafted or broken file.
    throw damagedBackup('its key slots cannot be read');
  } finally {
    recoveryBytes?.fill(0);
  }
}

/**
 * A read-only look inside a backup: SQLite opens the file where it is,
 * read-only (the database part comes first in the file), so nothing is
 * written anywhere — not next to the backup, not in a temp folder.
 */
export async function previewBackup(path: string, secret: BackupSecret, deps: Pick<VaultDeps, 'nativeBinding'> = {}): Promise<BackupPreview> {
  const { info, keyslots, dataKey } = await openBackup(path, secret);
  let db;
  try {
    db = openKeyed(info.path, dataKey, deps.nativeBinding);
  } catch (error) {
    throw openError(error);
  } finally {
    dataKey.fill(0);
  }
  try {
    const schemaVersion = db.pragma('user_version', { simple: true }) as number;
    if (schemaVersion !== info.meta.schemaVersion) throw damagedBackup('its details do not match its contents');
    return {
      path: info.path,
      createdAt: info.meta.createdAt,
      kind: info.meta.kind,
      vaultName: info.meta.vault.name,
      vaultCreatedAt: info.meta.vault.createdAt,
      schemaVersion,
      caseCount: countOrZero(db, 'SELECT count(*) AS n FROM case_file'),
      newestChangeAt: newestChange(db),
      bytes: info.bytes,
      hasRecoveryKey: recoverySlotOf(keyslots) !== undefined,
    };
  } catch (error) {
    throw openError(error);
  } finally {
    db.close();
  }
}

function countOrZero(db: RawDatabase, query: string): number {
  try {
    return (db.prepare(query).get() as { n: number }).n;
  } catch {
    return 0; // an early schema without that table
  }
}

function newestChange(db: RawDatabase): string | null {
  try {
    return (db.prepare('SELECT max(at) AS at FROM audit_entry').get() as { at: string | null }).at;
  } catch {
    return null;
  }
}

export type RestoreSecret = { passphrase: string } | { recoveryKey: string; newPassphrase: string };

export interface RestoredVault {
  /** The new vault folder. */
  path: string;
  /** The passphrase that now opens it (the backup's, or the new one set with the recovery key). */
  passphrase: string;
}

/**
 * Restores into a NEW vault folder; anything already at the destination is
 * refused (ALREADY_EXISTS) before the backup is even read. The database is
 * copied and checked (hash while copying, full integrity check, WAL mode)
 * and the key file is written last, as at vault creation, so an interrupted
 * restore never looks like a usable vault; on failure the folder is removed.
 */
export async function restoreBackup(path: string, destination: string, secret: RestoreSecret, deps: VaultDeps): Promise<RestoredVault> {
  const target = vaultPaths(withVaultExtension(destination));
  assertFreeDestination(target.folder);
  if ('newPassphrase' in secret) assertPassphraseAcceptable(secret.newPassphrase);
  const opened = await openBackup(path, 'passphrase' in secret ? { passphrase: secret.passphrase } : { recoveryKey: secret.recoveryKey });
  const { info, dataKey } = opened;
  let keyslots = opened.keyslots;
  let created = false;
  try {
    if ('newPassphrase' in secret) {
      const kdf = atLeastAsStrong(await deps.kdfParams(), keyslots);
      keyslots = withSlot(keyslots, await makePassphraseSlot(keyslots.vaultId, dataKey, secret.newPassphrase, kdf));
    }
    assertFreeDestination(target.folder);
    mkdirSync(target.folder, { mode: 0o700 });
    created = true;
    markRestoreStarted(target.folder);
    await copyDatabase(info, target.database);
    let raw: RawDatabase | undefined;
    try {
      // `create` switches the copy to WAL (a backup is in rollback mode) and skips the quick check: the full one follows.
      raw = openRawDatabase(target.database, dataKey, { create: true, nativeBinding: deps.nativeBinding });
      assertIntact(raw, true);
      const db = createKysely(raw);
      const id = await db.selectFrom('vault_meta').select('value').where('key', '=', 'vault_id').executeTakeFirst();
      if (id && id.value !== keyslots.vaultId) throw damagedBackup('its key slots belong to another vault');
      // The restored data is exactly this backup's: it is the vault's last backup.
      await putLastBackup(db, { at: info.meta.createdAt, path: info.path, bytes: info.bytes, kind: info.meta.kind });
      raw.pragma('wal_checkpoint(TRUNCATE)');
    } finally {
      raw?.close();
    }
    const { checksum: _checksum, ...body } = keyslots as KeyslotFile & { checksum?: unknown };
    try {
      writeKeyslots(target.keyslots, body);
    } catch (error) {
      if (error instanceof Error && error.name === 'ZodError') throw damagedBackup('its key slots cannot be read');
      throw error;
    }
    markRestoreFinished(target.folder);
    return { path: target.folder, passphrase: 'passphrase' in secret ? secret.passphrase : secret.newPassphrase };
  } catch (error) {
    if (created) rmSync(target.folder, { recursive: true, force: true });
    throw restoreError(error);
  } finally {
    dataKey.fill(0);
  }
}

function assertFreeDestination(folder: string): void {
  if (statOrNull(folder)) {
    throw new AppError('ALREADY_EXISTS', 'Something already exists at that location. Restore into a new vault name; Casekeeper never overwrites a vault or any other file.');
  }
  if (!statOrNull(dirname(folder))?.isDirectory()) {
    throw new AppError('NOT_FOUND', 'The folder you chose for the restored vault does not exist. Choose an existing folder.');
  }
}

/** Copies the database part, hashing as it goes: the file may not change between the check and the copy. */
async function copyDatabase(info: BackupInfo, target: string): Promise<void> {
  const source = await open(info.path, 'r');
  const out = await open(target, 'wx', 0o600);
  try {
    const hash = createHash('sha256');
    await forEachChunk(source, 0, info.footer.dbBytes, async (chunk) => {
      hash.update(chunk);
      let written = 0;
      while (written < chunk.length) written += (await out.write(chunk, written, chunk.length - written)).bytesWritten;
    });
    if (hash.digest('hex') !== info.meta.database.sha256) throw damagedBackup('it changed while it was being restored');
    await out.sync();
  } finally {
    await out.close();
    await source.close();
  }
}

/** A new passphrase slot never gets weaker settings than the backup's own (as in vault.service). */
function atLeastAsStrong(calibrated: KdfParams, keyslots: KeyslotFile): KdfParams {
  const current = passphraseSlotOf(keyslots).kdf;
  return {
    algorithm: 'argon2id',
    memoryKiB: Math.max(calibrated.memoryKiB, current.memoryKiB),
    iterations: Math.max(calibrated.iterations, current.iterations),
    parallelism: Math.max(calibrated.parallelism, current.parallelism),
  };
}

function openError(error: unknown): AppError {
  const appError = toAppError(error);
  // The bytes passed their checksum and the key is right: a database that still fails is damaged.
  return appError.code === 'CORRUPT' ? damagedBackup('its database failed its integrity check') : appError;
}

function restoreError(error: unknown): AppError {
  const appError = openError(error);
  switch (appError.code) {
    case 'DISK_FULL':
      return new AppError('DISK_FULL', 'The disk is full, so the backup was not restored. Free some space and try again; nothing was left behind.', { cause: error });
    case 'READ_ONLY':
      return new AppError('READ_ONLY', 'Casekeeper cannot write to the folder you chose for the restored vault. Choose a folder you can write to.', { cause: error });
    default:
      return appError;
  }
}
