import { closeSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { corruptVault } from '../errors/to-app-error';

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

/**
 * Replaces a small file atomically: write a sibling temp file, fsync it,
 * rename over the target, fsync the folder. A crash or a full disk leaves
 * either the old file or the new one, never a half-written mix.
 */
export function writeFileAtomic(target: string, contents: string | Buffer): void {
  const temp = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  let fd: number | undefined;
  try {
    fd = openSync(temp, 'wx', 0o600);
    const data = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
    let offset = 0;
    while (offset < data.length) offset += writeSync(fd, data, offset, data.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = undefined;
    renameSync(temp, target);
  } catch (error) {
    if (fd !== undefined) closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  fsyncFolder(dirname(target));
}

export function fsyncFolder(folder: string): void {
  let fd: number | undefined;
  try {
    fd = openSync(folder, 'r');
    fsyncSync(fd);
  } catch {
    // Some platforms (Windows) cannot fsync a directory; the rename is still atomic there.
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
