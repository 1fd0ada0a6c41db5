import { resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { readKeyslots, type KeyslotFile } from '../vault/keyslots';
import { macKeyOf } from './backup-format';
import type { BackupKind, BackupResult } from '../../../shared/ipc/backup-contract';
import type { OpenVault } from '../vault/vault.service';
import { pruneBackups } from './backup-folder';
import { putLastBackup } from './backup-record';
import { writeBackup, type BackupTarget } from './backup-writer';

export interface BackUpOptions {
  kind: BackupKind;
  /** Apply the keep-N rule in the target folder (the configured backup folder only). */
  keep?: number;
  nativeBinding?: string;
  now?: Date;
}

/**
 * Backs up an open vault: writes the file, applies the keep-N rule when asked
 * (only after the new backup is safely on disk) and records the backup in the
 * vault, if it is still open (a lock during the copy is allowed: the
 * snapshot was already taken).
 */
export async function backUpVault(vault: OpenVault, target: BackupTarget, options: BackUpOptions): Promise<BackupResult> {
  // The key slots as they are on disk now: another process (or window) may
  // have changed the passphrase since this one unlocked, and a backup must
  // open with the passphrase the vault has when it is made.
  const keyslots = currentKeyslots(vault);
  // Derived before the first await: a lock during the copy zeroes the data key.
  const macKey = macKeyOf(vault.dataKey);
  try {
    const written = await writeBackup(
      { databasePath: vault.paths.database, dataKey: vault.dataKey, keyslots, vaultName: vault.name, nativeBinding: options.nativeBinding },
      target,
      options.kind,
      options.now,
    );
    // The backup is safely on disk: nothing after this point may turn that success into a failure.
    let pruned: string[] = [];
    if (options.keep !== undefined && 'folder' in target) {
      try {
        pruned = await pruneBackups(resolve(target.folder), keyslots.vaultId, options.keep, written.path, macKey);
      } catch {
        // A folder that cannot be tidied is tried again next time.
      }
    }
    const last = { at: written.meta.createdAt, path: written.path, bytes: written.bytes, kind: options.kind };
    try {
      if (vault.raw.open) await putLastBackup(vault.db, last);
    } catch {
      // Busy or full disk: the reminder may show a backup as due although this one exists.
    }
    return { path: written.path, createdAt: last.at, bytes: written.bytes, kind: options.kind, pruned };
  } finally {
    macKey.fill(0);
  }
}

function currentKeyslots(vault: OpenVault): KeyslotFile {
  const onDisk = readKeyslots(vault.paths.keyslots);
  if (onDisk.vaultId !== vault.keyslots.vaultId) {
    throw new AppError('CORRUPT', 'The vault’s key file no longer matches the open vault, so no backup was made. Lock the vault and open it again.');
  }
  vault.keyslots = onDisk;
  return onDisk;
}
