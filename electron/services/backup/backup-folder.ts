import { readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import type { BackupListItem } from '../../../shared/ipc/backup-contract';
import { statOrNull } from '../vault/vault-files';
import { timingSafeEqual } from 'node:crypto';
import { BACKUP_EXTENSION, macOf, readBackupInfo, type BackupInfo } from './backup-format';
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
export async function listBackups(folderPath: string, currentVaultId: string | null, currentMacKey?: Buffer): Promise<BackupListItem[]> {
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
      const info = await readBackupInfo(path);
      const { meta } = info;
      // With the open vault's key, "this vault" also means signed by it: a planted file naming this vault is not.
      const ours = meta.vault.id === currentVaultId && (currentMacKey === undefined || isSignedWith(info, currentMacKey));
      items.push({ path, fileName, bytes, state: 'ok', createdAt: meta.createdAt, kind: meta.kind, vaultName: meta.vault.name, thisVault: ours });
    } catch (error) {
      const state = error instanceof AppError && error.code === 'NEWER_VERSION' ? 'newer' : 'damaged';
      items.push({ path, fileName, bytes, state, createdAt: null, kind: null, vaultName: null, thisVault: false });
    }
  }
  return items.sort((a, b) => (b.createdAt ?? '').localeCompare(a.createdAt ?? ''));
}

/**
 * The keep-N rule. Deletes only files that are provably this vault's own
 * rolling backups: in this folder, named as Casekeeper names backups, with
 * metadata whose HMAC verifies under this vault's key (so a planted file
 * claiming to be a newer backup of this vault counts for nothing). They are
 * ordered by their signed creation time; the newest of them and the backup
 * just written are never deleted. Other vaults' backups, renamed copies,
 * damaged or unsigned files and anything else are never touched.
 */
export async function pruneBackups(folderPath: string, vaultId: string, keep: number, protect: string, macKey: Buffer): Promise<string[]> {
  const folder = resolve(folderPath);
  const ours: BackupInfo[] = [];
  for (const fileName of backupFilesIn(folder)) {
    if (!isGeneratedBackupName(fileName)) continue;
    try {
      const info = await readBackupInfo(join(folder, fileName));
      if (info.meta.vault.id === vaultId && isSignedWith(info, macKey)) ours.push(info);
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

/** True when the backup's metadata was signed with this key (made from this vault, unaltered). */
export function isSignedWith(info: BackupInfo, macKey: Buffer): boolean {
  return timingSafeEqual(macOf(info.metaBytes, macKey), info.footer.mac);
}

/** A backup proven to be of this vault (its HMAC verifies under this vault's key), as the erase dialog lists it. */
export interface SignedBackup {
  path: string;
  fileName: string;
  createdAt: string;
}

/**
 * This vault's backups in the folder, newest first, by signed creation time:
 * after an erasure they are what still holds the erased case. Planted or
 * altered files, other vaults' backups and damaged files are not listed.
 */
export async function listSignedBackups(folderPath: string, vaultId: string, macKey: Buffer): Promise<SignedBackup[]> {
  const folder = resolve(folderPath);
  if (!statOrNull(folder)?.isDirectory()) return [];
  const items: SignedBackup[] = [];
  for (const fileName of backupFilesIn(folder).sort().reverse().slice(0, MAX_LISTED)) {
    const path = join(folder, fileName);
    try {
      const info = await readBackupInfo(path);
      if (info.meta.vault.id === vaultId && isSignedWith(info, macKey)) items.push({ path, fileName, createdAt: info.meta.createdAt });
    } catch {
      // Not provably this vault's backup.
    }
  }
  return items.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
}

/**
 * Deletes one backup of this vault at the caseworker's request. Refuses any
 * other file, so the request can never be turned against an arbitrary path.
 */
export async function deleteSignedBackup(path: string, vaultId: string, macKey: Buffer): Promise<void> {
  let info: BackupInfo;
  try {
    info = await readBackupInfo(path);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw error;
    throw notThisVaultsBackup();
  }
  if (info.meta.vault.id !== vaultId || !isSignedWith(info, macKey)) throw notThisVaultsBackup();
  rmSync(path, { force: true });
}

function notThisVaultsBackup(): AppError {
  return new AppError('VALIDATION', 'That file is not a backup of this vault, so Casekeeper does not delete it. Delete it yourself if you are sure.');
}
