import { execFileSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, readSync, statSync, truncateSync, writeFileSync, writeSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { changePassphrase, closeVault, createVault, unlockVault } from '../../electron/services/vault/vault.service';
import { getSettings, updateSettings } from '../../electron/services/settings/settings.service';
import { toAppError } from '../../electron/services/errors/to-app-error';
import { makeTempDir, snapshotFiles, testVaultDeps as deps } from '../support/temp';

const PASSPHRASE = 'harbour lantern quietly mango';

let temp: ReturnType<typeof makeTempDir>;
beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => temp.remove());

async function closedVault(name = 'Casework'): Promise<string> {
  const { vault } = await createVault(join(temp.path, name), PASSPHRASE, { withRecoveryKey: true }, deps);
  await updateSettings(vault.db, { caseworkerName: 'Field office' });
  closeVault(vault);
  return vault.paths.folder;
}

/** Opening `path` fails with `code`, and not one byte under `watch` changed. */
async function expectRefusedUnchanged(path: string, code: string, watch = path): Promise<AppError> {
  const before = snapshotFiles(watch);
  const error = await unlockVault(path, PASSPHRASE, deps).then(
    (vault) => {
      closeVault(vault);
      throw new Error(`expected ${code}, but the vault opened`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  expect((error as AppError).message.length).toBeGreaterThan(20);
  expect(snapshotFiles(watch)).toEqual(before);
  return error as AppError;
}

function flipByte(file: string, offset: number): void {
  const fd = openSync(file, 'r+');
  const one = Buffer.alloc(1);
  readSync(fd, one, 0, 1, offset);
  one[0] = one[0]! ^ 0x10;
  writeSync(fd, one, 0, 1, offset);
  closeSync(fd);
}

describe('things that are not a vault', () => {
  it('a file of random bytes', async () => {
    const file = join(temp.path, 'random.bin');
    writeFileSync(file, randomBytes(8192));
    await expectRefusedUnchanged(file, 'NOT_A_VAULT');
  });

  it('an empty file', async () => {
    const file = join(temp.path, 'empty.ckvault');
    writeFileSync(file, '');
    await expectRefusedUnchanged(file, 'NOT_A_VAULT');
  });

  it('a plain, unencrypted SQLite database', async () => {
    const file = join(temp.path, 'plain.sqlite');
    const db = new BetterSqlite3(file);
    db.exec("CREATE TABLE t (x); INSERT INTO t VALUES ('hello')");
    db.close();
    await expectRefusedUnchanged(file, 'NOT_A_VAULT');
  });

  it('an ordinary folder', async () => {
    const folder = join(temp.path, 'Documents');
    mkdirSync(folder);
    writeFileSync(join(folder, 'letter.txt'), 'dear');
    await expectRefusedUnchanged(folder, 'NOT_A_VAULT');
  });

  it('a folder with a keyslots.json that is not ours', async () => {
    const folder = join(temp.path, 'Other');
    mkdirSync(folder);
    writeFileSync(join(folder, 'keyslots.json'), JSON.stringify({ some: 'thing' }));
    await expectRefusedUnchanged(folder, 'NOT_A_VAULT');
  });

  it('a path where nothing exists', async () => {
    await expectRefusedUnchanged(join(temp.path, 'nothing-here.ckvault'), 'NOT_FOUND', temp.path);
  });
});

describe('damaged vaults', () => {
  it('a truncated database is reported as damaged', async () => {
    const folder = await closedVault();
    const db = join(folder, 'vault.db');
    truncateSync(db, Math.floor(statSync(db).size / 2));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('a database cut to zero bytes is reported as damaged', async () => {
    const folder = await closedVault();
    truncateSync(join(folder, 'vault.db'), 0);
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('one flipped bit in a data page is detected (every page is authenticated)', async () => {
    const folder = await closedVault();
    const db = join(folder, 'vault.db');
    const size = statSync(db).size;
    flipByte(db, size - 100); // inside the last page
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('one flipped bit in the first page is detected', async () => {
    const folder = await closedVault();
    flipByte(join(folder, 'vault.db'), 200);
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('a damaged key file is reported as damaged, not as a wrong passphrase', async () => {
    const folder = await closedVault();
    const keyslots = join(folder, 'keyslots.json');
    const text = readFileSync(keyslots, 'utf8');
    const parsed = JSON.parse(text) as { slots: Array<{ wrap: { ciphertext: string } }> };
    const slot = parsed.slots[0]!;
    slot.wrap.ciphertext = `${slot.wrap.ciphertext[0] === 'A' ? 'B' : 'A'}${slot.wrap.ciphertext.slice(1)}`;
    writeFileSync(keyslots, JSON.stringify(parsed));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('a key file cut in half is reported as damaged', async () => {
    const folder = await closedVault();
    const keyslots = join(folder, 'keyslots.json');
    truncateSync(keyslots, Math.floor(statSync(keyslots).size / 2));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('a missing database file is reported as damaged', async () => {
    const folder = await closedVault();
    rmSync(join(folder, 'vault.db'));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });
});

describe('versions', () => {
  it('a vault written by a newer Casekeeper is refused untouched', async () => {
    const folder = await closedVault();
    const vault = await unlockVault(folder, PASSPHRASE, deps);
    vault.raw.pragma('user_version = 999');
    closeVault(vault);
    const error = await expectRefusedUnchanged(folder, 'NEWER_VERSION');
    expect(error.message).toMatch(/newer version/i);
  });

  it('a key file from a newer format is refused untouched', async () => {
    const folder = await closedVault();
    const keyslots = join(folder, 'keyslots.json');
    const parsed = JSON.parse(readFileSync(keyslots, 'utf8')) as Record<string, unknown>;
    writeFileSync(keyslots, JSON.stringify({ ...parsed, formatVersion: 2 }));
    await expectRefusedUnchanged(folder, 'NEWER_VERSION');
  });
});

const isRoot = process.getuid?.() === 0;
const canMount = isRoot && (() => {
  try {
    execFileSync('mount', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();
const mountReason = 'needs root and mount(8) to make a small or read-only filesystem';

function mountTmpfs(at: string, sizeKiB: number): () => void {
  mkdirSync(at, { recursive: true });
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${sizeKiB}k,mode=0700`, 'tmpfs', at]);
  return () => execFileSync('umount', ['-l', at]);
}

describe('hostile filesystems', () => {
  it.skipIf(!canMount)(`a vault on a read-only filesystem gets a clear message and stays unchanged (${mountReason})`, async () => {
    const mount = join(temp.path, 'ro');
    const unmount = mountTmpfs(mount, 16 * 1024);
    try {
      const { vault } = await createVault(join(mount, 'Usb'), PASSPHRASE, { withRecoveryKey: false }, deps);
      closeVault(vault);
      execFileSync('mount', ['-o', 'remount,ro', mount]);
      const error = await expectRefusedUnchanged(vault.paths.folder, 'READ_ONLY');
      expect(error.message).toMatch(/write/i);
    } finally {
      unmount();
    }
  });

  it.skipIf(!canMount)(`a full disk during a write fails cleanly and keeps every earlier change (${mountReason})`, async () => {
    const mount = join(temp.path, 'small');
    const unmount = mountTmpfs(mount, 2048);
    try {
      const { vault } = await createVault(join(mount, 'Tiny'), PASSPHRASE, { withRecoveryKey: false }, deps);
      await updateSettings(vault.db, { caseworkerName: 'Before the disk filled' });
      // Fill the disk, then try a large write.
      const filler = join(mount, 'filler');
      fillDisk(filler);
      const error = await updateSettings(vault.db, { caseworkerName: 'A much longer name that needs new pages '.repeat(4) }).then(
        () => new Error('expected the disk to be full'),
        (e: unknown) => e,
      );
      // The cause reaches the caseworker as "disk full", not as a generic failure.
      expect(toAppError(error).code).toBe('DISK_FULL');
      closeVault(vault);
      rmSync(filler);
      const reopened = await unlockVault(vault.paths.folder, PASSPHRASE, deps);
      expect((await getSettings(reopened.db)).caseworkerName).toBe('Before the disk filled');
      closeVault(reopened);
    } finally {
      unmount();
    }
  });

  it.skipIf(!canMount)(`a passphrase change on a full disk fails cleanly and the old passphrase still opens the vault (${mountReason})`, async () => {
    const mount = join(temp.path, 'small2');
    const unmount = mountTmpfs(mount, 2048);
    try {
      const { vault } = await createVault(join(mount, 'Tiny'), PASSPHRASE, { withRecoveryKey: true }, deps);
      const keyslotsBefore = snapshotFiles(vault.paths.folder)['keyslots.json'];
      fillDisk(join(mount, 'filler'));
      const error = await changePassphrase(vault, PASSPHRASE, 'a brand new long passphrase', deps).then(
        () => new Error('expected the disk to be full'),
        (e: unknown) => e,
      );
      expect(toAppError(error).code).toBe('DISK_FULL');
      closeVault(vault);
      expect(snapshotFiles(vault.paths.folder)['keyslots.json']).toBe(keyslotsBefore);
      // No stray temp file is left beside the key file.
      expect(Object.keys(snapshotFiles(vault.paths.folder)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
      closeVault(await unlockVault(vault.paths.folder, PASSPHRASE, deps));
    } finally {
      unmount();
    }
  });
});

function fillDisk(file: string): void {
  const fd = openSync(file, 'w');
  try {
    const chunk = Buffer.alloc(64 * 1024, 1);
    for (;;) writeSync(fd, chunk);
  } catch {
    // ENOSPC: full. Top up with small writes so not even a few bytes are left.
    try {
      for (;;) writeSync(fd, Buffer.alloc(512, 1));
    } catch {
      /* full */
    }
  } finally {
    closeSync(fd);
  }
}
