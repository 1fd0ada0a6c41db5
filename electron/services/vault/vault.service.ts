import { assertWalIntact } from '../../db/wal-check';
import { accessSync, constants, mkdirSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../../../shared/errors';
import { passphraseProblem } from '../../../shared/passphrase-policy';
import type { VaultInfo } from '../../../shared/ipc/contract';
import { assertIntact, createKysely, openRawDatabase, type RawDatabase, type VaultDb } from '../../db/connection';
import { migrateToLatest, newerVersionError, readSchemaVersion } from '../../db/migrate';
import { LATEST_SCHEMA_VERSION } from '../../db/migrations/index';
import { errorCode, toAppError } from '../errors/to-app-error';
import type { KdfParams } from './kdf';
import {
  makePassphraseSlot,
  makeRecoverySlot,
  newDataKey,
  newKeyslotFile,
  passphraseSlotOf,
  readKeyslots,
  recoverySlotOf,
  unwrapWithPassphrase,
  unwrapWithRecoveryKey,
  withSlot,
  withoutRecoverySlot,
  writeKeyslots,
  type KeyslotFile,
} from './keyslots';
import { tidyAfterCrash, withKeyslotLock } from './keyslot-lock';
import { generateRecoveryKey, parseRecoveryKey } from './recovery-key';
import { locateVault, statOrNull, vaultDisplayName, vaultPaths, withVaultExtension, type VaultPaths } from './vault-files';

export interface VaultDeps {
  /** Argon2id settings for new passphrase slots: calibrated in the app, fixed (but never below the floor) in tests. */
  kdfParams: () => Promise<KdfParams>;
  /** better_sqlite3.node built for the running runtime, when it is not the default one. */
  nativeBinding?: string;
}

export interface OpenVault {
  readonly paths: VaultPaths;
  readonly name: string;
  readonly db: VaultDb;
  readonly raw: RawDatabase;
  keyslots: KeyslotFile;
  /** Zeroed on close. */
  readonly dataKey: Buffer;
}

export function assertPassphraseAcceptable(passphrase: string): void {
  const problem = passphraseProblem(passphrase);
  if (problem) throw new AppError('VALIDATION', problem);
}

export async function createVault(
  path: string,
  passphrase: string,
  options: { withRecoveryKey: boolean },
  deps: VaultDeps,
): Promise<{ vault: OpenVault; recoveryKey: string | null }> {
  assertPassphraseAcceptable(passphrase);
  const paths = vaultPaths(withVaultExtension(path));
  if (statOrNull(paths.folder)) {
    throw new AppError('ALREADY_EXISTS', 'Something already exists at that location. Choose a new name for the vault; Casekeeper never overwrites files.');
  }
  if (!statOrNull(dirname(paths.folder))?.isDirectory()) {
    throw new AppError('NOT_FOUND', 'The folder you chose for the vault does not exist. Choose an existing folder.');
  }

  const dataKey = newDataKey();
  let raw: RawDatabase | undefined;
  let createdFolder = false;
  try {
    let keyslots = newKeyslotFile();
    keyslots = withSlot(keyslots, await makePassphraseSlot(keyslots.vaultId, dataKey, passphrase, await deps.kdfParams()));
    let recoveryKey: string | null = null;
    if (options.withRecoveryKey) {
      const generated = generateRecoveryKey();
      keyslots = withSlot(keyslots, makeRecoverySlot(keyslots.vaultId, dataKey, generated.bytes));
      generated.bytes.fill(0);
      recoveryKey = generated.display;
    }

    mkdirSync(paths.folder, { mode: 0o700 });
    createdFolder = true;
    raw = openRawDatabase(paths.database, dataKey, { create: true, nativeBinding: deps.nativeBinding });
    const db = createKysely(raw);
    await migrateToLatest(db);
    await db.insertInto('vault_meta').values([
      { key: 'vault_id', value: keyslots.vaultId },
      { key: 'created_at', value: keyslots.createdAt },
    ]).execute();
    // The key file goes last: until it exists the folder is not a vault, so
    // an interrupted creation can never look like a usable vault.
    writeKeyslots(paths.keyslots, keyslots);
    return { vault: { paths, name: vaultDisplayName(paths.folder), db, raw, keyslots, dataKey }, recoveryKey };
  } catch (error) {
    raw?.close();
    dataKey.fill(0);
    if (createdFolder) rmSync(paths.folder, { recursive: true, force: true });
    throw toAppError(error);
  }
}

export interface UnlockOptions {
  /** Upgrade an older vault to this version's schema (default). Off for read-only inspection (CLI check/info). */
  migrate?: boolean;
}

export async function unlockVault(path: string, passphrase: string, deps: VaultDeps, options: UnlockOptions = {}): Promise<OpenVault> {
  const paths = locateVault(path);
  tidyAfterCrash(paths.folder);
  const keyslots = readKeyslots(paths.keyslots);
  const dataKey = await unwrapWithPassphrase(keyslots, passphrase);
  return openWithKey(paths, keyslots, dataKey, deps, options);
}

/** For a forgotten passphrase: opens with the recovery key and sets a new passphrase in the same step. */
export async function unlockWithRecoveryKey(path: string, recoveryKey: string, newPassphrase: string, deps: VaultDeps): Promise<OpenVault> {
  assertPassphraseAcceptable(newPassphrase);
  const paths = locateVault(path);
  tidyAfterCrash(paths.folder);
  const keyslots = readKeyslots(paths.keyslots);
  const recoveryBytes = parseRecoveryKey(recoveryKey);
  try {
    const dataKey = unwrapWithRecoveryKey(keyslots, recoveryBytes);
    const vault = await openWithKey(paths, keyslots, dataKey, deps);
    try {
      await withKeyslotLock(paths.folder, async () => {
        // The recovery slot may have been replaced or removed since it was read above.
        const onDisk = readKeyslots(paths.keyslots);
        const key = unwrapWithRecoveryKey(onDisk, recoveryBytes);
        const same = key.equals(vault.dataKey);
        key.fill(0);
        if (!same) throw keyFileChanged();
        vault.keyslots = onDisk;
        await setPassphrase(vault, newPassphrase, deps);
      });
      return vault;
    } catch (error) {
      closeVault(vault);
      throw toAppError(error);
    }
  } finally {
    recoveryBytes.fill(0);
  }
}

async function openWithKey(paths: VaultPaths, keyslots: KeyslotFile, dataKey: Buffer, deps: VaultDeps, options: UnlockOptions = {}): Promise<OpenVault> {
  if (!statOrNull(paths.database)?.isFile()) {
    dataKey.fill(0);
    throw new AppError('CORRUPT', 'The vault’s database file (vault.db) is missing from its folder. Restore the vault from a backup.');
  }
  let raw: RawDatabase | undefined;
  try {
    assertWritable(paths);
    assertWalIntact(`${paths.database}-wal`);
    raw = openRawDatabase(paths.database, dataKey, { nativeBinding: deps.nativeBinding });
    const db = createKysely(raw);
    if (options.migrate === false) {
      const version = await readSchemaVersion(db);
      if (version > LATEST_SCHEMA_VERSION) throw newerVersionError(version);
    } else {
      await migrateToLatest(db);
    }
    return { paths, name: vaultDisplayName(paths.folder), db, raw, keyslots, dataKey };
  } catch (error) {
    raw?.close();
    dataKey.fill(0);
    throw toAppError(error);
  }
}

/**
 * SQLite opens a vault.db it may not write read-only without a word, and
 * every save would then fail. Checked at open instead: the folder (the WAL
 * and its index are created there) and the database file must be writable.
 */
function assertWritable(paths: VaultPaths): void {
  for (const path of [paths.folder, paths.database]) {
    try {
      accessSync(path, constants.W_OK);
    } catch (error) {
      const code = errorCode(error);
      if (code !== 'EACCES' && code !== 'EPERM' && code !== 'EROFS') throw error;
      throw new AppError(
        'READ_ONLY',
        'This vault is read-only here (a locked USB stick, a read-only share, or file permissions that do not let you change vault.db or its folder). Nothing was changed. Copy the whole vault folder to a place you can write to, or fix the permissions, and open it again.',
        { cause: error },
      );
    }
  }
}

export function closeVault(vault: OpenVault): void {
  try {
    // Refresh the query planner's statistics where the data changed a lot (usually a no-op).
    vault.raw.pragma('optimize');
    // Checkpoint so the WAL is folded into the database and removed on close.
    vault.raw.pragma('wal_checkpoint(TRUNCATE)');
  } catch {
    // Closing must always succeed in dropping the key, even on a failing disk.
  }
  try {
    vault.raw.close();
  } finally {
    vault.dataKey.fill(0);
  }
}

export async function changePassphrase(vault: OpenVault, currentPassphrase: string, newPassphrase: string, deps: VaultDeps): Promise<void> {
  assertPassphraseAcceptable(newPassphrase);
  if (currentPassphrase === newPassphrase) {
    throw new AppError('VALIDATION', 'The new passphrase is the same as the current one. Choose a different one.');
  }
  await withKeyslotLock(vault.paths.folder, async () => {
    await verifyPassphrase(vault, currentPassphrase);
    await setPassphrase(vault, newPassphrase, deps);
  });
}

/**
 * Checks the passphrase against keyslots.json as it is on disk now. Call it
 * holding the key-slot lock, so the slots it reads are the ones the change
 * replaces: another process may have changed them since this vault was opened.
 */
async function verifyPassphrase(vault: OpenVault, passphrase: string): Promise<void> {
  const onDisk = readKeyslots(vault.paths.keyslots);
  const key = await unwrapWithPassphrase(onDisk, passphrase).catch((error: unknown) => {
    if (error instanceof AppError && error.code === 'WRONG_PASSPHRASE') {
      // The slot this process unlocked with is gone: someone else changed the passphrase meanwhile.
      if (passphraseSlotOf(onDisk).kdf.salt !== passphraseSlotOf(vault.keyslots).kdf.salt) throw passphraseChangedElsewhere();
      throw new AppError('WRONG_PASSPHRASE', 'The current passphrase is not correct. Nothing was changed.');
    }
    throw error;
  });
  const same = key.equals(vault.dataKey);
  key.fill(0);
  if (!same) throw keyFileChanged();
  vault.keyslots = onDisk;
}

function passphraseChangedElsewhere(): AppError {
  return new AppError(
    'CONFLICT',
    'The passphrase was changed elsewhere (in another Casekeeper window or with the command-line tool) after this vault was opened. Nothing was changed. Lock the vault, unlock it with the current passphrase, and try again.',
  );
}

function keyFileChanged(): AppError {
  return new AppError('CORRUPT', 'The vault’s key file no longer matches the open vault. Lock the vault and open it again.');
}

async function setPassphrase(vault: OpenVault, passphrase: string, deps: VaultDeps): Promise<void> {
  const slot = await makePassphraseSlot(vault.keyslots.vaultId, vault.dataKey, passphrase, atLeastAsStrong(await deps.kdfParams(), vault.keyslots));
  const next = withSlot(vault.keyslots, slot);
  writeKeyslots(vault.paths.keyslots, next);
  vault.keyslots = next;
}

/**
 * A new passphrase slot never gets weaker settings than the one it replaces
 * (a vault moved to a slower laptop keeps its cost); calibration can only raise them.
 */
function atLeastAsStrong(calibrated: KdfParams, keyslots: KeyslotFile): KdfParams {
  const current = keyslots.slots.find((s) => s.kind === 'passphrase');
  if (!current || current.kind !== 'passphrase') return calibrated;
  return {
    algorithm: 'argon2id',
    memoryKiB: Math.max(calibrated.memoryKiB, current.kdf.memoryKiB),
    iterations: Math.max(calibrated.iterations, current.kdf.iterations),
    parallelism: Math.max(calibrated.parallelism, current.kdf.parallelism),
  };
}

export async function replaceRecoveryKey(vault: OpenVault, currentPassphrase: string): Promise<string> {
  return withKeyslotLock(vault.paths.folder, async () => {
    await verifyPassphrase(vault, currentPassphrase);
    const generated = generateRecoveryKey();
    const next = withSlot(vault.keyslots, makeRecoverySlot(vault.keyslots.vaultId, vault.dataKey, generated.bytes));
    generated.bytes.fill(0);
    writeKeyslots(vault.paths.keyslots, next);
    vault.keyslots = next;
    return generated.display;
  });
}

export async function removeRecoveryKey(vault: OpenVault, currentPassphrase: string): Promise<boolean> {
  return withKeyslotLock(vault.paths.folder, async () => {
    await verifyPassphrase(vault, currentPassphrase);
    if (!recoverySlotOf(vault.keyslots)) return false;
    const next = withoutRecoverySlot(vault.keyslots);
    writeKeyslots(vault.paths.keyslots, next);
    vault.keyslots = next;
    return true;
  });
}

export async function describeVault(vault: OpenVault): Promise<VaultInfo> {
  const { salt: _salt, ...kdf } = passphraseSlotOf(vault.keyslots).kdf;
  return {
    path: vault.paths.folder,
    formatVersion: vault.keyslots.formatVersion,
    schemaVersion: await readSchemaVersion(vault.db),
    cipher: vault.keyslots.cipher,
    kdf,
    createdAt: vault.keyslots.createdAt,
    hasRecoveryKey: recoverySlotOf(vault.keyslots) !== undefined,
  };
}

/** Full integrity check (slower than the check at unlock: also verifies indexes). */
export async function checkVault(vault: OpenVault): Promise<{ schemaVersion: number }> {
  assertIntact(vault.raw, true);
  const fk = await sql<Record<string, unknown>>`PRAGMA foreign_key_check`.execute(vault.db);
  if (fk.rows.length > 0) {
    throw new AppError('CORRUPT', `The vault has ${fk.rows.length} broken links between records. Restore it from a backup or report this.`);
  }
  return { schemaVersion: await readSchemaVersion(vault.db) };
}
