import { copyFileSync, existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { closeVault, createVault, type OpenVault } from '../../electron/services/vault/vault.service';
import type { RecordContext } from '../../electron/services/records/context';
import { makeTempDir, testVaultDeps } from './temp';

export const TEST_PASSPHRASE = 'harbour lantern quietly mango';

export interface TestVault {
  vault: OpenVault;
  ctx: RecordContext;
  /** A context acting as another caseworker, e.g. for conflict tests. */
  as(actor: string): RecordContext;
  temp: ReturnType<typeof makeTempDir>;
  close(): void;
}

/** A real encrypted vault in a temp folder, open, with a record context for services. */
export async function openTestVault(actor = 'Mariam Test'): Promise<TestVault> {
  const temp = makeTempDir('ck-records-');
  const { vault } = await createVault(join(temp.path, 'Records'), TEST_PASSPHRASE, { withRecoveryKey: false }, testVaultDeps);
  const as = (name: string): RecordContext => ({ db: vault.db, actor: name, now: () => new Date() });
  let closed = false;
  return {
    vault,
    ctx: as(actor),
    as,
    temp,
    close: () => {
      if (!closed) {
        closed = true;
        try {
          closeVault(vault);
        } catch {
          /* already closed */
        }
      }
      temp.remove();
    },
  };
}

/**
 * The vault's pages in plaintext, including free pages and the WAL, as an
 * attacker with the key would see them: a copy is decrypted in place with
 * `PRAGMA rekey = ''`. Use it to prove erased data is really gone.
 */
export function decryptedBytes(vault: OpenVault): Buffer {
  const copy = join(vault.paths.folder, '..', `decrypted-${Date.now()}.db`);
  vault.raw.pragma('wal_checkpoint(TRUNCATE)');
  copyFileSync(vault.paths.database, copy);
  const wal = `${vault.paths.database}-wal`;
  if (existsSync(wal)) copyFileSync(wal, `${copy}-wal`);
  const db = new BetterSqlite3(copy);
  try {
    db.pragma(`cipher = 'aegis'`);
    db.pragma(`key = "x'${vault.dataKey.toString('hex')}'"`);
    db.pragma('journal_mode = DELETE');
    db.pragma(`rekey = ''`);
  } finally {
    db.close();
  }
  return readFileSync(copy);
}
