import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { Kysely, SqliteDialect, type Driver } from 'kysely';
import { AppError } from '../../shared/errors';
import { corruptVault, errorCode, toAppError } from '../services/errors/to-app-error';
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
export function openRawDatabase(file: string, dataKey: Buffer, options: OpenOptions = {}): RawDatabase {
  if (dataKey.length !== 32) throw new AppError('INTERNAL', 'The vault key has the wrong length.');
  let db: RawDatabase;
  try {
    db = new BetterSqlite3(file, { fileMustExist: !options.create, nativeBinding: options.nativeBinding });
  } catch (error) {
    throw openError(error);
  }
  try {
    db.pragma(`cipher = 'aegis'`);
    db.pragma(`algorithm = 'aegis-256'`);
    db.pragma(`key = "x'${dataKey.toString('hex')}'"`);
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
    return db;
  } catch (error) {
    db.close();
    throw openError(error);
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
