import { resolve } from 'node:path';
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
  const written = await writeBackup(
    { databasePath: vault.paths.database, dataKey: vault.dataKey, keyslots: vault.keyslots, vaultName: vault.name, nativeBinding: options.nativeBinding },
    target,
    options.kind,
    options.now,
  );
  let pruned: string[] = [];
  if (options.keep !== undefined && 'folder' in target) {
    try {
      pruned = await pruneBackups(resolve(target.folder), vault.keyslots.vaultId, options.keep, written.path);
    } catch {
      // The new backup is written; a folder that cannot be tidied is tried again next time.
    }
  }
  const last = { at: written.meta.createdAt, path: written.path, bytes: written.bytes, kind: options.kind };
  if (vault.raw.open) await putLastBackup(vault.db, last);
  return { path: written.path, createdAt: last.at, bytes: written.bytes, kind: options.kind, pruned };
}
