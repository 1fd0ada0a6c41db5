import { randomBytes } from 'node:crypto';
import * as nodeFs from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * The one way Casekeeper writes a file (DESIGN, STYLE "a file write is one
 * helper"): key slots, packets, reports, CLI exports, backups, the recent
 * vaults list.
 *
 * 1. The bytes go into a hidden temp file in the destination folder, named
 *    `.casekeeper-<pid>-<random>.partial`, owner-only (0600).
 * 2. Every byte is written (a short write is retried until done; a write that
 *    makes no progress is a full disk), then the file is fsynced.
 * 3. It gets its final name: `replace` renames over any existing file;
 *    `exclusive` hard-links (which fails if the name is taken), so an
 *    existing file is never replaced. File systems without hard links
 *    (FAT/exFAT USB sticks) refuse the link; then the final name is reserved
 *    with an exclusive create and the temp file renamed over it.
 * 4. The folder is fsynced, so the new name survives a power cut.
 *
 * On any failure the temp file is removed and nothing is left under the final
 * name. A crash can leave only the hidden temp file, which
 * `removeLeftoverPartials` deletes later (at the next write into that folder
 * and at start-up).
 */

export type PlaceMode = 'replace' | 'exclusive';

export interface AtomicWriteOptions {
  mode: PlaceMode;
  /**
   * What the file is, for messages ("the packet", "the report"). With it,
   * failures become AppErrors a caseworker can act on (DISK_FULL, READ_ONLY,
   * ALREADY_EXISTS, ...); without it, the raw error is rethrown after clean-up
   * (ALREADY_EXISTS is always an AppError).
   */
  noun?: string;
  /** For tests: a file system that fails on purpose. */
  fs?: AtomicFs;
}

/** The calls the helper makes, so a test can inject short writes, a full disk or a refused link. */
export interface AtomicFs {
  openSync: typeof nodeFs.openSync;
  writeSync: (fd: number, buffer: Uint8Array, offset: number, length: number) => number;
  fsyncSync: typeof nodeFs.fsyncSync;
  closeSync: typeof nodeFs.closeSync;
  linkSync: typeof nodeFs.linkSync;
  renameSync: typeof nodeFs.renameSync;
  rmSync: typeof nodeFs.rmSync;
}

const realFs: AtomicFs = {
  openSync: nodeFs.openSync,
  writeSync: (fd, buffer, offset, length) => nodeFs.writeSync(fd, buffer, offset, length),
  fsyncSync: nodeFs.fsyncSync,
  closeSync: nodeFs.closeSync,
  linkSync: nodeFs.linkSync,
  renameSync: nodeFs.renameSync,
  rmSync: nodeFs.rmSync,
};

const PARTIAL_PATTERN = /^\.casekeeper-(\d+)-[0-9a-f]+\.partial$/;
/** Temp files this process is writing right now: never "leftovers", whatever their age. */
const inFlight = new Set<string>();
/** Big writes go in pieces so one write call never has to move hundreds of megabytes. */
const CHUNK = 4 * 1024 * 1024;

/** A temp file name this helper gives. */
export function isPartialName(name: string): boolean {
  return PARTIAL_PATTERN.test(name);
}

/** A fresh hidden temp file name in `folder`. */
export function partialPath(folder: string): string {
  return join(folder, `.casekeeper-${process.pid}-${randomBytes(8).toString('hex')}.partial`);
}

/** Link refusals that mean "this file system has no hard links", not "you may not write here". */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'ENOSYS', 'EXDEV']);

function codeOf(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

function alreadyExists(target: string, noun: string | undefined): AppError {
  return new AppError('ALREADY_EXISTS', `A file named “${basename(target)}” is already there. Choose another name or folder; Casekeeper never replaces an existing ${noun ? noun.replace(/^the /, '') : 'file'}.`);
}

/** Writes `data` to `path` completely (or throws), fsyncs it, closes it. */
function writeAll(fs: AtomicFs, fd: number, data: Uint8Array): void {
  let offset = 0;
  while (offset < data.byteLength) {
    const written = fs.writeSync(fd, data, offset, Math.min(CHUNK, data.byteLength - offset));
    // A write that moves nothing would loop forever; the disk has no room for it.
    if (!(written > 0)) throw Object.assign(new Error('The file system accepted no more bytes.'), { code: 'ENOSPC' });
    offset += written;
  }
  fs.fsyncSync(fd);
}

/**
 * Writes `contents` into a new hidden temp file in `folder` (0600, every byte,
 * fsynced) and returns its path. The caller places it with `placeFile` and
 * removes it in every case (`rmSync(temp, { force: true })`).
 */
export function writeTempFile(folder: string, contents: string | Uint8Array, fs: AtomicFs = realFs): string {
  const data = typeof contents === 'string' ? Buffer.from(contents, 'utf8') : contents;
  const temp = partialPath(folder);
  inFlight.add(temp);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', 0o600);
    writeAll(fs, fd, data);
    fs.closeSync(fd);
    fd = undefined;
    return temp;
  } catch (error) {
    if (fd !== undefined) {
      try {
        fs.closeSync(fd);
      } catch {
        // Already failing; the removal below matters more.
      }
    }
    forgetTemp(temp, fs);
    throw error;
  }
}

/** Removes a temp file (ignoring "already gone") and stops protecting it from clean-up. */
export function forgetTemp(temp: string, fs: AtomicFs = realFs): void {
  try {
    fs.rmSync(temp, { force: true });
  } finally {
    inFlight.delete(temp);
  }
}

/** Marks a temp file written by other code (SQLite's VACUUM INTO) as this process's own. */
export function claimTemp(temp: string): void {
  inFlight.add(temp);
}

/**
 * Gives a finished, fsynced temp file its final name (see the module
 * comment) and fsyncs the folder. The temp file stays for the caller to
 * remove. Throws ALREADY_EXISTS (AppError) when `exclusive` and the name is
 * taken.
 */
export function placeFile(temp: string, target: string, mode: PlaceMode, options: { noun?: string; fs?: AtomicFs } = {}): void {
  const fs = options.fs ?? realFs;
  if (mode === 'replace') {
    fs.renameSync(temp, target);
  } else {
    try {
      fs.linkSync(temp, target);
    } catch (error) {
      const code = codeOf(error);
      if (code === 'EEXIST') throw alreadyExists(target, options.noun);
      if (code === undefined || !NO_HARD_LINKS.has(code)) throw error;
      placeWithoutLink(fs, temp, target, options.noun);
    }
  }
  fsyncFolder(dirname(target), fs);
}

/**
 * FAT/exFAT: reserve the final name with an exclusive create (fails if anything
 * is there, so nothing is ever replaced), then rename the complete temp file
 * over that empty placeholder. Readers never see a partial file: the name holds
 * nothing, or the whole file.
 */
function placeWithoutLink(fs: AtomicFs, temp: string, target: string, noun: string | undefined): void {
  let placeholder: number;
  try {
    placeholder = fs.openSync(target, 'wx', 0o600);
  } catch (error) {
    if (codeOf(error) === 'EEXIST') throw alreadyExists(target, noun);
    throw error;
  }
  fs.closeSync(placeholder);
  try {
    fs.renameSync(temp, target);
  } catch (error) {
    fs.rmSync(target, { force: true });
    throw error;
  }
}

export function fsyncFolder(folder: string, fs: AtomicFs = realFs): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(folder, 'r');
    fs.fsyncSync(fd);
  } catch {
    // Some platforms (Windows) and file systems cannot fsync a folder; the rename is still atomic there.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

/** Writes a whole file atomically (see the module comment). */
export function atomicWriteFile(target: string, contents: string | Uint8Array, options: AtomicWriteOptions): void {
  const fs = options.fs ?? realFs;
  let temp: string | undefined;
  try {
    temp = writeTempFile(dirname(target), contents, fs);
    placeFile(temp, target, options.mode, { noun: options.noun, fs });
  } catch (error) {
    if (options.noun === undefined || (error instanceof AppError && error.code === 'ALREADY_EXISTS')) throw error;
    throw fileWriteError(error, options.noun);
  } finally {
    if (temp !== undefined) forgetTemp(temp, fs);
  }
}

/** A failed write of a file the caseworker asked for, as a message they can act on. `noun`: "the report", "the packet". */
export function fileWriteError(error: unknown, noun: string): AppError {
  switch (codeOf(error)) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('VALIDATION', `The folder you chose for ${noun} does not exist. Choose another place to save it.`, { cause: error });
    case 'ENAMETOOLONG':
      return new AppError('VALIDATION', `That file name is too long for the drive. Choose a shorter name for ${noun}.`, { cause: error });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('READ_ONLY', `Casekeeper is not allowed to save in that folder. Choose another place to save ${noun}.`, { cause: error });
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return new AppError('DISK_FULL', `The disk is full, so ${noun} was not saved. Free some space or choose another drive.`, { cause: error });
    default:
      return error instanceof AppError ? error : new AppError('INTERNAL', `${noun[0]!.toUpperCase()}${noun.slice(1)} could not be saved. Try again or choose another place.`, { cause: error });
  }
}

/**
 * Deletes hidden temp files that a killed or crashed Casekeeper left in
 * `folder`: ours by name, and not being written by a process that is still
 * running. Returns how many were removed. Never throws (a missing or
 * unreadable folder has nothing to clean).
 */
export function removeLeftoverPartials(folder: string): number {
  let names: string[];
  try {
    names = nodeFs.readdirSync(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const name of names) {
    const match = PARTIAL_PATTERN.exec(name);
    if (!match) continue;
    const path = join(folder, name);
    if (inFlight.has(path)) continue;
    const pid = Number(match[1]);
    if (pid !== process.pid && isRunning(pid)) continue;
    try {
      nodeFs.rmSync(path, { force: true });
      nodeFs.rmSync(`${path}-journal`, { force: true });
      removed += 1;
    } catch {
      // Not ours to remove after all (permissions); leave it.
    }
  }
  return removed;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return codeOf(error) === 'EPERM';
  }
}
