import { statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { corruptVault } from '../errors/to-app-error';
import { assertRestoreFinished } from './incomplete-restore';

/**
 * A vault is a folder (by convention named `*.ckvault`) holding:
 *   keyslots.json  – format marker, KDF settings and the wrapped data key (no case data)
 *   vault.db       – the SQLite database, encrypted page by page with AEGIS-256
 *   vault.db-wal / vault.db-shm – SQLite's write-ahead log and index (encrypted pages)
 */
export const VAULT_EXTENSION = '.ckvault';
export const KEYSLOTS_FILE = 'keyslots.json';
export const DATABASE_FILE = 'vault.db';

export interface VaultPaths {
  folder: string;
  keyslots: string;
  database: string;
}

export function vaultPaths(folder: string): VaultPaths {
  const abs = resolve(folder);
  return { folder: abs, keyslots: join(abs, KEYSLOTS_FILE), database: join(abs, DATABASE_FILE) };
}

export function vaultDisplayName(folder: string): string {
  const name = basename(folder);
  return name.endsWith(VAULT_EXTENSION) ? name.slice(0, -VAULT_EXTENSION.length) : name;
}

/** Adds `.ckvault` when the user typed a bare name, so vaults are recognisable in a file manager. */
export function withVaultExtension(path: string): string {
  const trimmed = path.replace(/[\\/]+$/, '');
  return trimmed.toLowerCase().endsWith(VAULT_EXTENSION) ? trimmed : `${trimmed}${VAULT_EXTENSION}`;
}

/**
 * Resolves what the user pointed at to a vault folder, accepting the folder
 * itself or a file inside it. Reads nothing but file metadata.
 */
export function locateVault(path: string): VaultPaths {
  const abs = resolve(path);
  const stat = statOrNull(abs);
  if (!stat) {
    throw new AppError('NOT_FOUND', 'There is no vault at that location. Check the path and try again.');
  }
  if (stat.isFile()) {
    const name = basename(abs);
    if ((name === KEYSLOTS_FILE || name === DATABASE_FILE) && statOrNull(join(dirname(abs), KEYSLOTS_FILE))?.isFile()) {
      return vaultPaths(dirname(abs));
    }
    throw notAVault();
  }
  if (!stat.isDirectory()) throw notAVault();
  const paths = vaultPaths(abs);
  assertRestoreFinished(paths.folder, paths.keyslots);
  if (!statOrNull(paths.keyslots)?.isFile()) {
    // The database without its key file is a damaged vault (restore it), not someone else's folder.
    if (statOrNull(paths.database)?.isFile()) throw corruptVault();
    throw notAVault();
  }
  return paths;
}

export function notAVault(): AppError {
  return new AppError(
    'NOT_A_VAULT',
    'This is not a Casekeeper vault. A vault is a folder ending in “.ckvault” that Casekeeper created. Choose that folder.',
  );
}

export function statOrNull(path: string): ReturnType<typeof statSync> | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}
