import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import {
  changePassphrase,
  checkVault,
  closeVault,
  createVault,
  describeVault,
  removeRecoveryKey,
  replaceRecoveryKey,
  unlockVault,
  unlockWithRecoveryKey,
  type OpenVault,
} from '../../electron/services/vault/vault.service';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index';
import { getSettings, updateSettings } from '../../electron/services/settings/settings.service';
import { findCanaries, makeCanaries, makeTempDir, snapshotFiles, testVaultDeps as deps } from '../support/temp';

const PASSPHRASE = 'harbour lantern quietly mango';
const NEW_PASSPHRASE = 'seventeen paper kites over Ürümqi';
const { latin: CANARY_LATIN, chinese: CANARY_CHINESE } = makeCanaries();

let temp: ReturnType<typeof makeTempDir>;
const open: OpenVault[] = [];

beforeEach(() => {
  temp = makeTempDir();
});
afterEach(() => {
  for (const vault of open.splice(0)) {
    try {
      closeVault(vault);
    } catch {
      /* already closed */
    }
  }
  temp.remove();
});

async function newVault(name = 'Casework', options = { withRecoveryKey: true }) {
  const created = await createVault(join(temp.path, name), PASSPHRASE, options, deps);
  open.push(created.vault);
  return created;
}

async function expectCode(promise: Promise<unknown>, code: string): Promise<AppError> {
  const error = await promise.then(
    () => {
      throw new Error(`expected ${code}, but it succeeded`);
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  expect((error as AppError).code).toBe(code);
  return error as AppError;
}

describe('creating a vault', () => {
  it('a caseworker creates a vault folder with an encrypted database and a key file, and gets a recovery key once', async () => {
    const { vault, recoveryKey } = await newVault();
    expect(vault.paths.folder).toBe(join(temp.path, 'Casework.ckvault'));
    expect(existsSync(vault.paths.database)).toBe(true);
    expect(recoveryKey).toMatch(/^([0-9A-Z]{5}-){7}[0-9A-Z]{5}$/);
    const info = await describeVault(vault);
    expect(info.cipher).toBe('aegis-256');
    expect(info.kdf.memoryKiB).toBeGreaterThanOrEqual(64 * 1024);
    expect(info.hasRecoveryKey).toBe(true);
    // The recovery key itself is never written anywhere.
    closeVault(vault);
    expect(findCanaries([vault.paths.folder], [recoveryKey!, recoveryKey!.replace(/-/g, '')])).toEqual([]);
  });

  it('refuses a passphrase shorter than 12 characters and creates nothing', async () => {
    await expectCode(createVault(join(temp.path, 'Short'), 'too short', { withRecoveryKey: false }, deps), 'VALIDATION');
    expect(existsSync(join(temp.path, 'Short.ckvault'))).toBe(false);
  });

  it('never overwrites something that already exists at the chosen location', async () => {
    writeFileSync(join(temp.path, 'Existing.ckvault'), 'my thesis');
    await expectCode(createVault(join(temp.path, 'Existing'), PASSPHRASE, { withRecoveryKey: false }, deps), 'ALREADY_EXISTS');
    expect(readFileSync(join(temp.path, 'Existing.ckvault'), 'utf8')).toBe('my thesis');
  });

  it('says so when the chosen folder does not exist', async () => {
    await expectCode(createVault(join(temp.path, 'missing', 'deeper', 'V'), PASSPHRASE, { withRecoveryKey: false }, deps), 'NOT_FOUND');
  });
});

describe('no plaintext at rest', () => {
  it('canary strings written into the vault never appear in the vault folder, beside it, or in the temp folder', async () => {
    const started = Date.now() - 1000;
    const { vault } = await newVault('Canary');
    await updateSettings(vault.db, { caseworkerName: `${CANARY_LATIN} ${CANARY_CHINESE}` });
    // Enough rows to spill through the WAL and into many pages.
    vault.raw.exec('CREATE TABLE canary_probe (id INTEGER PRIMARY KEY, note TEXT)');
    const insert = vault.raw.prepare('INSERT INTO canary_probe (note) VALUES (?)');
    vault.raw.transaction(() => {
      for (let i = 0; i < 2000; i += 1) insert.run(`${CANARY_LATIN} ${i} ${CANARY_CHINESE}`);
    })();
    vault.raw.prepare('SELECT note FROM canary_probe ORDER BY note DESC').all(); // a sort that could spill to a temp file
    const canaries = [CANARY_LATIN, CANARY_CHINESE];
    // The scanner itself finds a canary in a plain file (in UTF-16 too), so a clean result means something.
    writeFileSync(join(temp.path, 'plain-control.txt'), Buffer.from(`x ${CANARY_CHINESE} y`, 'utf16le'));
    expect(findCanaries([temp.path], canaries)).toEqual([join(temp.path, 'plain-control.txt')]);
    rmSync(join(temp.path, 'plain-control.txt'));

    // While open: db, -wal, -shm and key file are all ciphertext.
    expect(existsSync(`${vault.paths.database}-wal`)).toBe(true);
    expect(findCanaries([vault.paths.folder], canaries)).toEqual([]);
    closeVault(vault);
    expect(findCanaries([vault.paths.folder], canaries)).toEqual([]);
    // Nothing beside the vault or anywhere in the OS temp folder changed during the test.
    expect(findCanaries([temp.path, tmpdir()], canaries, { since: started })).toEqual([]);

    const again = await unlockVault(vault.paths.folder, PASSPHRASE, deps);
    open.push(again);
    expect((await getSettings(again.db)).caseworkerName).toBe(`${CANARY_LATIN} ${CANARY_CHINESE}`);
  });
});

describe('unlocking', () => {
  it('a wrong passphrase is refused and the vault is byte-for-byte unchanged', async () => {
    const { vault } = await newVault();
    closeVault(vault);
    const before = snapshotFiles(vault.paths.folder);
    const error = await expectCode(unlockVault(vault.paths.folder, 'not the passphrase at all', deps), 'WRONG_PASSPHRASE');
    expect(error.message).toMatch(/passphrase/i);
    expect(snapshotFiles(vault.paths.folder)).toEqual(before);
  });

  it('opens with the right passphrase whichever Unicode normal form the keyboard produced', async () => {
    const composed = 'Ürümqi café passphrase';
    const { vault } = await createVault(join(temp.path, 'Nfc'), composed, { withRecoveryKey: false }, deps);
    closeVault(vault);
    const reopened = await unlockVault(vault.paths.folder, composed.normalize('NFD'), deps);
    open.push(reopened);
    expect(reopened.name).toBe('Nfc');
  });

  it('accepts the vault folder or a file inside it', async () => {
    const { vault } = await newVault();
    closeVault(vault);
    const viaFile = await unlockVault(vault.paths.database, PASSPHRASE, deps);
    open.push(viaFile);
    expect(viaFile.paths.folder).toBe(vault.paths.folder);
  });

  it('locking closes the database and zeroes the key', async () => {
    const { vault } = await newVault();
    const key = vault.dataKey;
    closeVault(vault);
    expect(key.every((b) => b === 0)).toBe(true);
    expect(() => vault.raw.prepare('SELECT 1').get()).toThrow();
    expect(existsSync(`${vault.paths.database}-wal`)).toBe(false);
  });
});

describe('passphrase change and recovery key', () => {
  it('after a passphrase change the new passphrase opens the vault and the old one does not; the database is not re-encrypted', async () => {
    const { vault } = await newVault();
    await updateSettings(vault.db, { caseworkerName: 'Mariam' });
    closeVault(vault);
    const dbBefore = snapshotFiles(vault.paths.folder)['vault.db'];

    const reopened = await unlockVault(vault.paths.folder, PASSPHRASE, deps);
    await changePassphrase(reopened, PASSPHRASE, NEW_PASSPHRASE, deps);
    closeVault(reopened);
    expect(snapshotFiles(vault.paths.folder)['vault.db']).toBe(dbBefore);

    await expectCode(unlockVault(vault.paths.folder, PASSPHRASE, deps), 'WRONG_PASSPHRASE');
    const withNew = await unlockVault(vault.paths.folder, NEW_PASSPHRASE, deps);
    open.push(withNew);
    expect((await getSettings(withNew.db)).caseworkerName).toBe('Mariam');
  });

  it('a passphrase change with the wrong current passphrase changes nothing', async () => {
    const { vault } = await newVault();
    const before = snapshotFiles(vault.paths.folder)['keyslots.json'];
    await expectCode(changePassphrase(vault, 'not my passphrase!!', NEW_PASSPHRASE, deps), 'WRONG_PASSPHRASE');
    await expectCode(changePassphrase(vault, PASSPHRASE, 'short', deps), 'VALIDATION');
    expect(snapshotFiles(vault.paths.folder)['keyslots.json']).toBe(before);
  });

  it('a caseworker who forgot the passphrase opens the vault with the recovery key and sets a new one', async () => {
    const { vault, recoveryKey } = await newVault();
    closeVault(vault);
    // Typed back by hand: lower case, spaces instead of dashes, O for 0.
    const typed = recoveryKey!.toLowerCase().replace(/-/g, ' ').replace(/0/g, 'o');
    const recovered = await unlockWithRecoveryKey(vault.paths.folder, typed, NEW_PASSPHRASE, deps);
    closeVault(recovered);
    await expectCode(unlockVault(vault.paths.folder, PASSPHRASE, deps), 'WRONG_PASSPHRASE');
    open.push(await unlockVault(vault.paths.folder, NEW_PASSPHRASE, deps));
  });

  it('a wrong recovery key is refused without changing anything', async () => {
    const { vault, recoveryKey } = await newVault();
    closeVault(vault);
    const before = snapshotFiles(vault.paths.folder);
    const wrong = recoveryKey!.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expectCode(unlockWithRecoveryKey(vault.paths.folder, wrong, NEW_PASSPHRASE, deps), 'WRONG_PASSPHRASE');
    await expectCode(unlockWithRecoveryKey(vault.paths.folder, 'ABCDE', NEW_PASSPHRASE, deps), 'VALIDATION');
    expect(snapshotFiles(vault.paths.folder)).toEqual(before);
  });

  it('a new recovery key replaces the old one, and a removed one opens nothing', async () => {
    const { vault, recoveryKey: first } = await newVault();
    const second = await replaceRecoveryKey(vault, PASSPHRASE);
    expect(second).not.toBe(first);
    closeVault(vault);
    await expectCode(unlockWithRecoveryKey(vault.paths.folder, first!, NEW_PASSPHRASE, deps), 'WRONG_PASSPHRASE');
    const viaSecond = await unlockWithRecoveryKey(vault.paths.folder, second, NEW_PASSPHRASE, deps);
    expect(await removeRecoveryKey(viaSecond, NEW_PASSPHRASE)).toBe(true);
    expect((await describeVault(viaSecond)).hasRecoveryKey).toBe(false);
    closeVault(viaSecond);
    await expectCode(unlockWithRecoveryKey(vault.paths.folder, second, PASSPHRASE, deps), 'WRONG_PASSPHRASE');
  });

  it('a vault made without a recovery key says so when one is tried', async () => {
    const { vault, recoveryKey } = await newVault('NoKey', { withRecoveryKey: false });
    expect(recoveryKey).toBeNull();
    closeVault(vault);
    const error = await expectCode(
      unlockWithRecoveryKey(vault.paths.folder, '00000-00000-00000-00000-00000-00000-00000-00000', NEW_PASSPHRASE, deps),
      'WRONG_PASSPHRASE',
    );
    expect(error.message).toMatch(/no recovery key/i);
  });
});

describe('integrity check', () => {
  it('a healthy vault passes the full check and reports its schema version', async () => {
    const { vault } = await newVault();
    expect(await checkVault(vault)).toEqual({ schemaVersion: LATEST_SCHEMA_VERSION });
    const version = await sql<{ user_version: number }>`PRAGMA user_version`.execute(vault.db);
    expect(version.rows[0]?.user_version).toBe(LATEST_SCHEMA_VERSION);
  });
});
