import { randomBytes } from 'node:crypto';
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { previewBackup, restoreBackup } from '../electron/services/backup/backup-restore';
import { backUpVault } from '../electron/services/backup/backup.service';
import { KDF_FLOOR } from '../electron/services/vault/kdf';
import { closeVault, createVault } from '../electron/services/vault/vault.service';

/**
 * Backup of a large vault (the issue asks for 1 GB): a vault filled with
 * evidence-sized blobs (1 MiB chunks, as evidence is stored), then timed:
 * the backup itself (VACUUM INTO snapshot + check + checksum + atomic rename),
 * the read-only preview (whole-file checksum + key slot) and a restore into a
 * new vault (copy + full integrity check). The plain column is the same
 * database content unencrypted: VACUUM INTO on plain SQLite, and a file copy.
 */
export interface BackupBench {
  sizeMiB: number;
  fillMs: number;
  backup: { encrypted: number; plain: number };
  /** The longest the event loop (Electron's main process, in the app) was blocked during the backup. */
  backupLongestPauseMs: number;
  preview: number;
  restore: { encrypted: number; plain: number };
}

const PASSPHRASE = 'benchmark passphrase with several words';

export async function benchBackup(dir: string, targetMiB = Number(process.env.BENCH_BACKUP_MIB ?? 1024)): Promise<BackupBench> {
  const root = join(dir, 'backup-bench');
  mkdirSync(root);
  // The KDF is measured elsewhere; the floor keeps it out of these figures.
  const deps = { kdfParams: async () => KDF_FLOOR };
  const { vault } = await createVault(join(root, 'Large'), PASSPHRASE, { withRecoveryKey: false }, deps);
  const plainFile = join(root, 'plain.db');
  const plain = new BetterSqlite3(plainFile);
  const fillStarted = performance.now();
  try {
    const table = 'CREATE TABLE bench_blob (id INTEGER PRIMARY KEY, data BLOB NOT NULL)';
    vault.raw.exec(table);
    plain.pragma('journal_mode = WAL');
    plain.exec(table);
    const encryptedInsert = vault.raw.prepare('INSERT INTO bench_blob (data) VALUES (?)');
    const plainInsert = plain.prepare('INSERT INTO bench_blob (data) VALUES (?)');
    // Random bytes do not compress and look like photos and video to the disk.
    const chunk = randomBytes(1024 * 1024);
    for (let done = 0; done < targetMiB; done += 64) {
      const n = Math.min(64, targetMiB - done);
      vault.raw.transaction(() => {
        for (let i = 0; i < n; i += 1) encryptedInsert.run(chunk);
      })();
      plain.transaction(() => {
        for (let i = 0; i < n; i += 1) plainInsert.run(chunk);
      })();
    }
    vault.raw.pragma('wal_checkpoint(TRUNCATE)');
    plain.pragma('wal_checkpoint(TRUNCATE)');
    const fillMs = performance.now() - fillStarted;
    const sizeMiB = statSync(vault.paths.database).size / 1024 / 1024;

    const out = join(root, 'out');
    mkdirSync(out);
    // A 5 ms ticker: the largest gap between its ticks is the longest time nothing else could run.
    let lastTick = performance.now();
    let backupLongestPauseMs = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      backupLongestPauseMs = Math.max(backupLongestPauseMs, now - lastTick);
      lastTick = now;
    }, 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    let started = performance.now();
    const made = await backUpVault(vault, { folder: out }, { kind: 'manual' });
    const backupMs = performance.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 20));
    clearInterval(ticker);
    started = performance.now();
    plain.prepare('VACUUM INTO ?').run(join(out, 'plain-copy.db'));
    const plainBackupMs = performance.now() - started;
    closeVault(vault);

    started = performance.now();
    await previewBackup(made.path, { passphrase: PASSPHRASE });
    const previewMs = performance.now() - started;
    started = performance.now();
    await restoreBackup(made.path, join(root, 'Restored'), { passphrase: PASSPHRASE }, deps);
    const restoreMs = performance.now() - started;
    started = performance.now();
    copyFileSync(join(out, 'plain-copy.db'), join(root, 'plain-restored.db'));
    const plainRestoreMs = performance.now() - started;

    return { sizeMiB, fillMs, backup: { encrypted: backupMs, plain: plainBackupMs }, backupLongestPauseMs, preview: previewMs, restore: { encrypted: restoreMs, plain: plainRestoreMs } };
  } finally {
    plain.close();
    if (vault.raw.open) closeVault(vault);
  }
}
