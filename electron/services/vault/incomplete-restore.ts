import { closeSync, fsyncSync, openSync, readdirSync, rmdirSync, rmSync, statSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { AppError } from '../../../shared/errors';
import { isPartialName } from '../files/atomic-write';

/**
 * A restore writes this file into the new vault folder first and removes it
 * last (after keyslots.json), so a restore killed half-way (kill -9, power
 * loss, a pulled USB stick) leaves a folder that says what it is, and the
 * welcome screen can offer to remove it instead of calling it damaged.
 */
export const RESTORE_MARKER = 'RESTORE-IN-PROGRESS.txt';

const MARKER_TEXT =
  'Casekeeper was restoring a backup into this folder and did not finish.\n' +
  'Nothing in this folder is needed: the backup file still holds everything.\n' +
  'Remove this folder (Casekeeper offers to when you try to open it) and restore again.\n';

/** Files a restore can leave behind; a folder holding anything else is not removed automatically. */
const RESTORE_FILES = new Set([RESTORE_MARKER, 'vault.db', 'vault.db-wal', 'vault.db-shm', 'vault.db-journal']);

export function markRestoreStarted(folder: string): void {
  const fd = openSync(join(folder, RESTORE_MARKER), 'wx', 0o600);
  try {
    writeSync(fd, MARKER_TEXT);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

export function markRestoreFinished(folder: string): void {
  rmSync(join(folder, RESTORE_MARKER), { force: true });
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

/**
 * Throws INCOMPLETE_RESTORE for a folder an unfinished restore left. A marker
 * beside a key file means the restore had finished everything but removing
 * the marker (the key file is written last, after every check): the marker
 * is removed and the vault opens normally.
 */
export function assertRestoreFinished(folder: string, keyslotsFile: string): void {
  const marker = join(folder, RESTORE_MARKER);
  if (!isFile(marker)) return;
  if (isFile(keyslotsFile)) {
    try {
      rmSync(marker, { force: true });
    } catch {
      // A read-only folder: the open reports that itself.
    }
    return;
  }
  throw incompleteRestore();
}

export function incompleteRestore(): AppError {
  return new AppError(
    'INCOMPLETE_RESTORE',
    'This folder holds a restore that did not finish (Casekeeper was stopped while restoring a backup). It cannot be opened and nothing in it is needed: remove it, then restore the backup again.',
  );
}

/**
 * Removes a folder that an unfinished restore left, and nothing else: it must
 * hold the restore marker, no key file, and only files a restore writes.
 */
export function removeIncompleteRestore(path: string): void {
  const folder = resolve(path);
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    throw new AppError('NOT_FOUND', 'There is nothing at that location any more.');
  }
  if (!names.includes(RESTORE_MARKER) || names.includes('keyslots.json')) {
    throw new AppError('VALIDATION', 'That folder is not an unfinished restore, so Casekeeper does not remove it.');
  }
  const unexpected = names.filter((name) => !RESTORE_FILES.has(name) && !isPartialName(name));
  if (unexpected.length > 0) {
    throw new AppError('VALIDATION', 'That folder holds files a restore does not write, so Casekeeper does not remove it. Check it and remove it yourself.');
  }
  // The marker goes last: an interrupted removal is still recognised next time.
  for (const name of names.filter((n) => n !== RESTORE_MARKER)) rmSync(join(folder, name), { force: true });
  rmSync(join(folder, RESTORE_MARKER), { force: true });
  rmdirSync(folder);
}
