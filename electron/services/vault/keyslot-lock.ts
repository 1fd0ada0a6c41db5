import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { AppError } from '../../../shared/errors';
import { errorCode } from '../errors/to-app-error';
import { removeLeftoverPartials } from '../files/atomic-write';
import { isPartialName } from '../files/atomic-write';
import { KEYSLOTS_FILE } from './vault-files';

/**
 * An exclusive lock around every change to keyslots.json, so two processes
 * (two app windows, the app and the CLI, two CLI runs) can never both read
 * the same key slots, each add their own passphrase and both report success
 * while only the last write counts. The lock is a file created with O_EXCL
 * beside keyslots.json, holding the owner's pid, host and start time; a lock
 * left by a process that died (kill -9, power loss) is recognised by its pid
 * on this host, or by its age, and taken over.
 */
export const KEYSLOTS_LOCK_FILE = `${KEYSLOTS_FILE}.lock`;

/** No change to key slots takes this long (two Argon2id runs at the ceiling take seconds, not minutes). */
const STALE_AFTER_MS = 5 * 60_000;
/** How long a second process waits for the first to finish before it gives up with BUSY. */
const DEFAULT_WAIT_MS = 30_000;
const POLL_MS = 50;

interface LockOwner {
  pid: number;
  host: string;
  at: number;
  token: string;
}

export interface KeyslotLockOptions {
  waitMs?: number;
}

/**
 * Runs `task` while holding the vault's key-slot lock. Callers re-read
 * keyslots.json inside `task`: whatever they read before may be outdated.
 */
export async function withKeyslotLock<T>(folder: string, task: () => Promise<T>, options: KeyslotLockOptions = {}): Promise<T> {
  const lockPath = join(folder, KEYSLOTS_LOCK_FILE);
  const owner = await acquire(lockPath, options.waitMs ?? DEFAULT_WAIT_MS);
  try {
    removeKeyslotTemps(folder);
    return await task();
  } finally {
    release(lockPath, owner);
  }
}

/**
 * Tidies a vault folder after a crash, if nobody is changing its key slots
 * right now: a temp file of an unfinished key-slot write (it may hold a slot
 * for a passphrase the caseworker never saw confirmed) and a dead process's
 * lock. Never fails: a read-only folder or a live lock just means later.
 */
export function tidyAfterCrash(folder: string): void {
  const lockPath = join(folder, KEYSLOTS_LOCK_FILE);
  let owner: LockOwner | null = null;
  try {
    owner = tryCreate(lockPath) ?? (takeOverIfStale(lockPath) ? tryCreate(lockPath) : null);
    if (owner) removeKeyslotTemps(folder);
  } catch {
    // Read-only folder, or it vanished: nothing to tidy that we could tidy.
  } finally {
    if (owner) release(lockPath, owner);
  }
}

/**
 * A temp file of a key-slot write: the shared atomic-write helper's
 * `.casekeeper-<pid>-<random>.partial` (nothing else writes into a vault
 * folder through it), or `.keyslots.json.<random>.tmp` from older versions.
 */
export function isKeyslotTemp(name: string): boolean {
  return isPartialName(name) || (name.startsWith(`.${KEYSLOTS_FILE}.`) && name.endsWith('.tmp'));
}

/** Temp files of unfinished key-slot writes: call only while holding the lock, so none is in progress. */
function removeKeyslotTemps(folder: string): void {
  for (const name of readdirSync(folder)) {
    if (isKeyslotTemp(name)) rmSync(join(folder, name), { force: true });
  }
  // The shared atomic-write helper's own temp files, of processes no longer running.
  removeLeftoverPartials(folder);
}

async function acquire(lockPath: string, waitMs: number): Promise<LockOwner> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    const owner = tryCreate(lockPath);
    if (owner) return owner;
    if (takeOverIfStale(lockPath)) continue;
    if (Date.now() >= deadline) throw keyslotsBusy();
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/** Creates the lock file if nobody holds it; null when it already exists. */
function tryCreate(lockPath: string): LockOwner | null {
  const owner: LockOwner = { pid: process.pid, host: hostname(), at: Date.now(), token: randomBytes(12).toString('hex') };
  let fd: number;
  try {
    fd = openSync(lockPath, 'wx', 0o600);
  } catch (error) {
    if (errorCode(error) === 'EEXIST') return null;
    throw error;
  }
  try {
    writeSync(fd, JSON.stringify(owner));
    fsyncSync(fd);
  } catch (error) {
    closeSync(fd);
    rmSync(lockPath, { force: true });
    throw error;
  }
  closeSync(fd);
  return owner;
}

/** Removes a lock whose owner is gone; true when it did (or the lock vanished meanwhile). */
function takeOverIfStale(lockPath: string): boolean {
  let text: string;
  let mtimeMs: number;
  try {
    text = readFileSync(lockPath, 'utf8');
    mtimeMs = statSync(lockPath).mtimeMs;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return true;
    throw error;
  }
  const owner = parseOwner(text);
  const age = Date.now() - (owner?.at ?? mtimeMs);
  // A lock file without content is one being written right now, unless it is old.
  const stale = age > STALE_AFTER_MS || (owner !== null && owner.host === hostname() && !processAlive(owner.pid)) || (owner === null && Date.now() - mtimeMs > 2_000);
  if (!stale) return false;
  // Re-read just before removing: another process may have taken the lock over in between.
  try {
    if (readFileSync(lockPath, 'utf8') !== text) return false;
    rmSync(lockPath, { force: true });
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw error;
  }
  return true;
}

function release(lockPath: string, owner: LockOwner): void {
  try {
    const current = parseOwner(readFileSync(lockPath, 'utf8'));
    if (current?.token === owner.token) rmSync(lockPath, { force: true });
  } catch {
    // Already gone.
  }
}

function parseOwner(text: string): LockOwner | null {
  try {
    const value = JSON.parse(text) as Partial<LockOwner>;
    if (typeof value.pid === 'number' && typeof value.host === 'string' && typeof value.at === 'number' && typeof value.token === 'string') return value as LockOwner;
  } catch {
    // Half-written or foreign: judged by the file's age.
  }
  return null;
}

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return errorCode(error) === 'EPERM';
  }
}

export function keyslotsBusy(): AppError {
  return new AppError(
    'BUSY',
    'Another program (a Casekeeper window or the command-line tool) is changing this vault’s passphrase or recovery key right now. Nothing was changed. Wait a moment, then try again.',
  );
}
