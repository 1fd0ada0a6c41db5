import { chmodSync, closeSync, openSync, readSync } from 'node:fs';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, type Driver } from 'kysely';
import { AppError } from '../../shared/errors';
import { corruptVault, errorCode, toAppError } from '../services/errors/to-app-error';
import { applyRawKey } from './raw-key';
import type { Database } from './schema';

export type RawDatabase = BetterSqlite3.Database;
export type VaultDb = Kysely<Database>;

export interface OpenOptions {
  /** Create the database file (vault creation only). */
  create?: boolean;
  /** Path to a better_sqlite3.node built for the running runtime (Electron vs Node). */
  nativeBinding?: string;
  /** Skip the full integrity check (used right after creating an empty vault). */
  skipIntegrityCheck?: boolean;
}

/**
 * Opens the vault database with AEGIS-256 (authenticated: every page carries
 * a tag, so tampering or bit rot is detected on read) under a raw 256-bit key.
 * The key comes from a key slot, so no SQLite-side KDF runs.
 */
/**
 * Bytes 16–23 of the database header stay in plaintext (SQLite reads them
 * before decrypting) and no page tag covers them. A vault always has WAL
 * file-format versions (2, 2) and SQLite's fixed payload fractions (64, 32,
 * 32); anything else is damage. Checked before opening, because SQLite would
 * otherwise open a "write version 3" file read-only and every save would fail
 * with a misleading message.
 */
function assertPlainHeader(file: string): void {
  const header = Buffer.alloc(24);
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    if (readSync(fd, header, 0, 24, 0) < 24) return; // too short: the open below reports it
  } catch {
    return; // missing or unreadable: the open below reports it
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
  const pageSize = header.readUInt16BE(16);
  const validPageSize = pageSize === 1 || (pageSize >= 512 && (pageSize & (pageSize - 1)) === 0);
  if (!validPageSize || header[18] !== 2 || header[19] !== 2 || header[21] !== 64 || header[22] !== 32 || header[23] !== 32) throw corruptVault();
}

export function openRawDatabase(file: string, dataKey: Buffer, options: OpenOptions = {}): RawDatabase {
  if (dataKey.length !== 32) throw new AppError('INTERNAL', 'The vault key has the wrong length.');
  if (!options.create) assertPlainHeader(file);
  let db: RawDatabase;
  try {
    // Owner-only before SQLite opens it: SQLite gives -wal and -shm the database file's mode.
    if (options.create) closeSync(openSync(file, 'a', 0o600));
    ownerOnly(file);
    db = new BetterSqlite3(file, { fileMustExist: !options.create, nativeBinding: options.nativeBinding });
  } catch (error) {
    throw openError(error);
  }
  try {
    db.pragma(`cipher = 'aegis'`);
    db.pragma(`algorithm = 'aegis-256'`);
    applyRawKey(db, dataKey);
    // First read: fails with NOTADB if page 1 does not authenticate. The key
    // came from an authenticated key slot, so that means damage, not a wrong key.
    db.prepare('SELECT count(*) FROM sqlite_master').get();
    if (options.create) db.pragma('journal_mode = WAL');
    else if (db.pragma('journal_mode', { simple: true }) !== 'wal') throw corruptVault();
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = FULL');
    // Sorts and temporary indexes stay in memory: SQLite's temp files are not encrypted.
    db.pragma('temp_store = MEMORY');
    db.pragma('secure_delete = ON');
    db.pragma('cell_size_check = ON');
    db.pragma('busy_timeout = 5000');
    if (!options.create && !options.skipIntegrityCheck) assertIntact(db);
    // Vaults made by older versions had 0644 -wal/-shm files; they exist now (WAL mode keeps them while open).
    ownerOnly(`${file}-wal`);
    ownerOnly(`${file}-shm`);
    return db;
  } catch (error) {
    db.close();
    throw openError(error);
  }
}

/** chmod 0600 where the file exists and we may; a read-only medium or a missing file is not an error here. */
function ownerOnly(file: string): void {
  try {
    chmodSync(file, 0o600);
  } catch {
    // Missing (no WAL yet), read-only medium, or not ours: the open reports what matters.
  }
}

/**
 * quick_check reads every page; with AEGIS each page is authenticated as it
 * is read, so this verifies the whole file, not only the b-tree structure.
 */
export function assertIntact(db: RawDatabase, full = false): void {
  const rows = db.pragma(full ? 'integrity_check' : 'quick_check') as Array<Record<string, string>>;
  const first = rows[0] ? Object.values(rows[0])[0] : undefined;
  if (rows.length !== 1 || first !== 'ok') throw corruptVault();
}

export function createKysely(raw: RawDatabase): VaultDb {
  return new Kysely<Database>({ dialect: new VaultDialect(raw) });
}

/**
 * On SQLITE_FULL (and some I/O errors) SQLite rolls the transaction back by
 * itself. Kysely would then issue ROLLBACK anyway, fail with "no transaction
 * is active" and hide the real cause (a full disk) behind a generic error.
 */
class VaultDialect extends SqliteDialect {
  constructor(private readonly raw: RawDatabase) {
    super({ database: raw });
  }

  override createDriver(): Driver {
    const driver = super.createDriver();
    const rollback = driver.rollbackTransaction.bind(driver);
    driver.rollbackTransaction = async (connection) => {
      if (this.raw.inTransaction) await rollback(connection);
    };
    return driver;
  }
}

function openError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = errorCode(error);
  if (code === 'SQLITE_NOTADB' || code === 'SQLITE_CORRUPT') return corruptVault(error);
  return toAppError(error);
}
