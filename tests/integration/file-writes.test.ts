import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backUpVault } from '../../electron/services/backup/backup.service';
import { createCase } from '../../electron/services/cases/cases.service';
import { atomicWriteFile } from '../../electron/services/files/atomic-write';
import { exportReportCsv } from '../../electron/services/reports/reports.service';
import { RecentVaults } from '../../electron/services/recent/recent-vaults';
import { VaultSession } from '../../electron/services/session/session.service';
import { closeVault, createVault, unlockVault } from '../../electron/services/vault/vault.service';
import { makeTempDir, testVaultDeps } from '../support/temp';

/**
 * Issue 14.1 and 14.14 on real file systems: a full disk never yields a
 * cut-off file reported as saved, and every file Casekeeper writes is
 * owner-only (0600, folders 0700), SQLite's -wal and -shm included.
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'casekeeper.mjs');
const PASSPHRASE = 'harbour lantern quietly mango';
const modeOf = (path: string) => statSync(path).mode & 0o777;

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir('ck-writes-');
});
afterEach(() => temp.remove());

describe('every file Casekeeper writes is owner-only', () => {
  it('a new vault: folder 0700; keyslots.json, vault.db, -wal and -shm 0600, even under a permissive umask', async () => {
    const previous = process.umask(0o022);
    try {
      const { vault } = await createVault(join(temp.path, 'Casework'), PASSPHRASE, { withRecoveryKey: false }, testVaultDeps);
      const ctx = { db: vault.db, actor: 'Mariam Test', now: () => new Date() };
      await createCase(ctx, { client: { legalName: 'Fictional Client' } });
      const { folder, database, keyslots } = vault.paths;
      expect(existsSync(`${database}-wal`)).toBe(true);
      expect(existsSync(`${database}-shm`)).toBe(true);
      expect({ folder: modeOf(folder), keyslots: modeOf(keyslots), db: modeOf(database), wal: modeOf(`${database}-wal`), shm: modeOf(`${database}-shm`) }).toEqual({
        folder: 0o700,
        keyslots: 0o600,
        db: 0o600,
        wal: 0o600,
        shm: 0o600,
      });

      const backups = join(temp.path, 'backups');
      mkdirSync(backups);
      const backup = await backUpVault(vault, { folder: backups }, { kind: 'manual' });
      expect(modeOf(backup.path)).toBe(0o600);

      const csv = join(temp.path, 'threats.csv');
      await exportReportCsv(vault.db, { table: 'threats-by-tactic', path: csv });
      expect(modeOf(csv)).toBe(0o600);
      closeVault(vault);
    } finally {
      process.umask(previous);
    }
  });

  it('a vault made by an older version with 0644 files is tightened when it is opened', async () => {
    const { vault } = await createVault(join(temp.path, 'Old'), PASSPHRASE, { withRecoveryKey: false }, testVaultDeps);
    const { database } = vault.paths;
    closeVault(vault);
    chmodSync(database, 0o644);
    const reopened = await unlockVault(join(temp.path, 'Old.ckvault'), PASSPHRASE, testVaultDeps);
    try {
      expect(modeOf(database)).toBe(0o600);
      expect(modeOf(`${database}-wal`)).toBe(0o600);
      expect(modeOf(`${database}-shm`)).toBe(0o600);
    } finally {
      closeVault(reopened);
    }
  });
});

const canMount =
  process.getuid?.() === 0 &&
  (() => {
    try {
      execFileSync('mount', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();
const mountReason = 'needs root and mount(8) to make a small tmpfs';

/** A tmpfs of `sizeKiB`, nearly filled so that only `freeKiB` remain. */
function smallDisk(at: string, sizeKiB: number, freeKiB: number): () => void {
  mkdirSync(at, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0700`, 'tmpfs', at]);
  const filler = Buffer.alloc((sizeKiB - freeKiB) * 1024, 1);
  writeFileSync(join(at, 'filler'), filler);
  return () => execFileSync('umount', ['-l', at]);
}

describe('a full disk', () => {
  it.skipIf(!canMount)(`a write that does not fit: DISK_FULL, nothing under the name, no temp file (${mountReason})`, () => {
    const disk = join(temp.path, 'usb');
    const unmount = smallDisk(disk, 1024, 64);
    try {
      const target = join(disk, 'CK-2026-0042_police_2026-05-04.zip');
      expect(() => atomicWriteFile(target, Buffer.alloc(512 * 1024, 7), { mode: 'exclusive', noun: 'the packet' })).toThrow(
        expect.objectContaining({ code: 'DISK_FULL', message: expect.stringContaining('The disk is full, so the packet was not saved') }),
      );
      expect(readdirSync(disk)).toEqual(['filler']);
    } finally {
      unmount();
    }
  });

  it.skipIf(!canMount)(`casekeeper export onto a full disk exits non-zero, says so, and leaves no cut-off file (${mountReason})`, async () => {
    const { vault } = await createVault(join(temp.path, 'Casework'), PASSPHRASE, { withRecoveryKey: false }, testVaultDeps);
    const ctx = { db: vault.db, actor: 'Mariam Test', now: () => new Date() };
    for (let i = 0; i < 4; i += 1) await createCase(ctx, { client: { legalName: `Fictional Client ${i}` }, case: { summary: `Fictional summary ${i}. `.repeat(400) } });
    closeVault(vault);
    const passphraseFile = join(temp.path, 'passphrase.txt');
    writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
    const disk = join(temp.path, 'usb');
    const unmount = smallDisk(disk, 1024, 16);
    try {
      const out = join(disk, 'export.json');
      const result = spawnSync(process.execPath, [BIN, 'export', join(temp.path, 'Casework.ckvault'), '--out', out, '--passphrase-file', passphraseFile], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
      expect(result.status).not.toBe(0);
      expect(result.stderr).toContain('casekeeper: The disk is full, so the export file was not saved. Free some space or choose another drive.');
      expect(result.stdout).not.toContain('Exported');
      expect(readdirSync(disk)).toEqual(['filler']);
    } finally {
      unmount();
    }
  });
});

describe('hidden temp files of a killed export', () => {
  it('are removed from beside the vault when it is unlocked; files that only look similar stay', async () => {
    const session = new VaultSession({ ...testVaultDeps, recent: new RecentVaults(join(temp.path, 'config', 'recent.json')), onLocked: () => undefined });
    await session.create(join(temp.path, 'Casework'), PASSPHRASE, false);
    await session.lock('user');
    // What a packet export killed after writing its temp file leaves (pid 2^22 + 1 is above any Linux pid_max).
    const leftover = join(temp.path, `.casekeeper-${2 ** 22 + 1}-00aa11bb22cc33dd.partial`);
    writeFileSync(leftover, 'PK half a packet');
    writeFileSync(join(temp.path, 'notes.partial'), 'the caseworker’s own file');
    await session.unlock(join(temp.path, 'Casework.ckvault'), PASSPHRASE);
    try {
      expect(existsSync(leftover)).toBe(false);
      expect(existsSync(join(temp.path, 'notes.partial'))).toBe(true);
    } finally {
      await session.lock('user');
    }
  });
});
