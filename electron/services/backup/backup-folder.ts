import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { BackupListItem } from '../../../shared/ipc/backup-contract';
import { statOrNull } from '../vault/vault-files';
import { BACKUP_EXTENSION, readBackupInfo, type BackupInfo } from './backup-format';
import { isGeneratedBackupName } from './backup-names';

/** More than this many files in a backup folder are not listed (the newest by name come first). */
const MAX_LISTED = 500;

function backupFilesIn(folder: string): string[] {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    throw new AppError('NOT_FOUND', 'The backup folder cannot be read. Check that it exists and that the drive is connected.');
  }
  return names.filter((name) => name.toLowerCase().endsWith(BACKUP_EXTENSION) && !name.startsWith('.'));
}

/**
 * Every `.ckbackup` file in the folder, newest first, described from its
 * unencrypted footer and metadata only (no passphrase, no full read). Files
 * that cannot be read are listed as damaged rather than hidden.
 */
export async function listBackups(folderPath: string, currentVaultId: string | null): Promise<BackupListItem[]> {
  const folder = resolve(folderPath);
  if (!statOrNull(folder)?.isDirectory()) {
    throw new AppError('NOT_FOUND', 'The backup folder does not exist or is not connected (is the drive plugged in?).');
  }
  const names = backupFilesIn(folder).sort().reverse().slice(0, MAX_LISTED);
  const items: BackupListItem[] = [];
  for (const fileName of names) {
    const path = join(folder, fileName);
    const bytes = Number(statOrNull(path)?.size ?? 0);
    try {
      const { meta } = await readBackupInfo(path);
      items.push({ path, fileName, bytes, state: 'ok', createdAt: meta.createdAt, kind: meta.kind, vaultName: meta.vault.name, thisVault: meta.vault.id === currentVaultId });
    } catch (error) {
      const state = error instanceof AppError && error.code === 'NEWER_VERSION' ? 'newer' : 'damaged';
      items.push({ path, fileName, bytes, state, createdAt: null, kind: null, vaultName: null, thisVault: false });
    }
  }
  return items.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

/**
 * The keep-N rule. Deletes only files that are certainly this vault's own
 * rolling backups: in this folder, named as Casekeeper names backups, with
 * readable metadata naming this vault. Other vaults' backups, renamed
 * copies, damaged files and anything else are never touched.
 */
export async function pruneBackups(folderPath: string, vaultId: string, keep: number, protect: string): Promise<string[]> {
  const folder = resolve(folderPath);
  const ours: BackupInfo[] = [];
  for (const fileName of backupFilesIn(folder)) {
    if (!isGeneratedBackupName(fileName)) continue;
    try {
      const info = await readBackupInfo(join(folder, fileName));
      if (info.meta.vault.id === vaultId) ours.push(info);
    } catch {
      // Unreadable: not provably ours, so kept.
    }
  }
  ours.sort((a, b) => b.meta.createdAt.localeCompare(a.meta.createdAt));
  const deleted: string[] = [];
  for (const info of ours.slice(Math.max(1, keep))) {
    if (resolve(info.path) === resolve(protect)) continue;
    rmSync(info.path, { force: true });
    deleted.push(info.path.slice(folder.length + 1));
  }
  return deleted;
}
