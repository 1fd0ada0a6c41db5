import { closeSync, copyFileSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { LATEST_SCHEMA_VERSION } from '../../electron/db/migrations/index';
import { createCase } from '../../electron/services/cases/cases.service';
import { readKeyslots, writeKeyslots, type KeyslotFile } from '../../electron/services/vault/keyslots';
import { closeVault, createVault, unlockVault, unlockWithRecoveryKey, type UnlockOptions } from '../../electron/services/vault/vault.service';
import { mulberry32 } from '../../shared/seeded-random';
import { testSeed } from '../support/prng';
import { makeTempDir, snapshotFiles, testVaultDeps as deps } from '../support/temp';

/**
 * Bad files, beyond tests/integration/vault-damage.test.ts: each gets its
 * documented error code (README, "Error codes") and not one byte under the
 * vault's folder changes. Damage positions are random from a printed seed
 * (CK_TEST_SEED replays them).
 */

const PASSPHRASE = 'harbour lantern quietly mango';
const OTHER_PASSPHRASE = 'a different vault, a different passphrase';
const NEW_PASSPHRASE = 'seventeen paper kites over the bay';
const SEED = testSeed();
const PAGE = 4096;

let temp: ReturnType<typeof makeTempDir>;
/** A closed vault with a recovery key and a few records; tests damage copies of it. */
let pristine: string;
let recoveryKey: string;
let copies = 0;

beforeAll(async () => {
  temp = makeTempDir('ck-bad-files-');
  const created = await createVault(join(temp.path, 'Pristine'), PASSPHRASE, { withRecoveryKey: true }, deps);
  const ctx = { db: created.vault.db, actor: 'Bad Files', now: () => new Date() };
  for (let i = 0; i < 20; i += 1) await createCase(ctx, { client: { legalName: `Fictional client ${i}`, aliases: ['x'.repeat(500)] } });
  closeVault(created.vault);
  pristine = created.vault.paths.folder;
  recoveryKey = created.recoveryKey!;
});
afterAll(() => temp?.remove());

function copyOfVault(from = pristine): string {
  copies += 1;
  const to = join(temp.path, `Copy${copies}.ckvault`);
  mkdirSync(to);
  for (const name of readdirSync(from)) copyFileSync(join(from, name), join(to, name));
  return to;
}

/** The AppError an attempt fails with; an attempt that opens a vault is closed again and reported as OPENED. */
async function outcomeOf(attempt: Promise<unknown>): Promise<{ code: string; message: string }> {
  return attempt.then(
    (vault) => {
      if (vault && typeof vault === 'object' && 'raw' in vault) closeVault(vault as Parameters<typeof closeVault>[0]);
      return { code: 'OPENED', message: 'the vault opened' };
    },
    (error: unknown) => {
      if (!(error instanceof AppError)) throw new Error(`expected an AppError, got ${String(error)}`);
      return { code: error.code, message: error.message };
    },
  );
}

/** Opening `path` fails with `code`, with a message a caseworker can act on, and nothing under `watch` changed. */
async function expectRefusedUnchanged(path: string, code: string, options: { watch?: string; passphrase?: string; unlock?: UnlockOptions; label?: string } = {}): Promise<{ code: string; message: string }> {
  const watch = options.watch ?? path;
  const before = snapshotFiles(watch);
  const outcome = await outcomeOf(unlockVault(path, options.passphrase ?? PASSPHRASE, deps, options.unlock));
  expect(outcome.code, `${options.label ?? path}: ${outcome.message}`).toBe(code);
  expect(outcome.message.length).toBeGreaterThan(20);
  expect(snapshotFiles(watch), options.label).toEqual(before);
  return outcome;
}

function flipBit(file: string, offset: number, bit: number): void {
  const fd = openSync(file, 'r+');
  try {
    const one = Buffer.alloc(1);
    readSync(fd, one, 0, 1, offset);
    one[0] = one[0]! ^ (1 << bit);
    writeSync(fd, one, 0, 1, offset);
  } finally {
    closeSync(fd);
  }
}

function plainSqlite(file: string): void {
  const db = new BetterSqlite3(file);
  db.exec("CREATE TABLE case_file (id TEXT PRIMARY KEY, code TEXT); INSERT INTO case_file VALUES ('1', 'CK-2026-0001')");
  db.pragma('user_version = 4');
  db.close();
}

/** Rewrites keyslots.json through the real writer, so its checksum is valid again. */
function rewriteKeyslots(folder: string, change: (file: KeyslotFile) => KeyslotFile): void {
  const path = join(folder, 'keyslots.json');
  writeKeyslots(path, change(readKeyslots(path)));
}

describe('empty', () => {
  it('an empty folder is not a vault', async () => {
    const folder = join(temp.path, 'Empty.ckvault');
    mkdirSync(folder);
    await expectRefusedUnchanged(folder, 'NOT_A_VAULT');
  });

  it('an empty key file beside the database is a damaged vault', async () => {
    const folder = copyOfVault();
    writeFileSync(join(folder, 'keyslots.json'), '');
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('an empty key file alone in a folder is not a vault', async () => {
    const folder = join(temp.path, 'OnlyKeys.ckvault');
    mkdirSync(folder);
    writeFileSync(join(folder, 'keyslots.json'), '');
    await expectRefusedUnchanged(folder, 'NOT_A_VAULT');
  });
});

describe('truncated', () => {
  it('a database cut at a page boundary (every remaining page still authenticates) is damaged', async () => {
    const folder = copyOfVault();
    const db = join(folder, 'vault.db');
    const pages = statSync(db).size / PAGE;
    expect(Number.isInteger(pages)).toBe(true);
    truncateSync(db, Math.floor(pages / 2) * PAGE);
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('a database cut to its 100-byte header, or inside the first page, is damaged', async () => {
    for (const size of [100, 1, PAGE - 1]) {
      const folder = copyOfVault();
      truncateSync(join(folder, 'vault.db'), size);
      await expectRefusedUnchanged(folder, 'CORRUPT', { label: `${size} bytes` });
    }
  });

  it('a key file cut at any point is damaged, never taken for a wrong passphrase', async () => {
    const random = mulberry32(SEED);
    const size = statSync(join(pristine, 'keyslots.json')).size;
    for (let i = 0; i < 12; i += 1) {
      const folder = copyOfVault();
      const cut = Math.floor(random() * size);
      truncateSync(join(folder, 'keyslots.json'), cut);
      await expectRefusedUnchanged(folder, 'CORRUPT', { label: `seed ${SEED}: key file cut at ${cut} of ${size}` });
      rmSync(folder, { recursive: true });
    }
  });
});

describe('bit-flipped', () => {
  it(`one flipped bit anywhere in the database after its first 24 bytes is detected (seed ${SEED})`, async () => {
    const random = mulberry32(SEED ^ 0xb17);
    const size = statSync(join(pristine, 'vault.db')).size;
    // Page 1 past its plaintext header, page edges (each page's nonce and tag), the middle, the end, and random spots.
    const offsets = [24, 40, 92, 100, PAGE - 1, PAGE, 2 * PAGE - 20, Math.floor(size / 2), size - 1];
    for (let i = 0; i < 12; i += 1) offsets.push(24 + Math.floor(random() * (size - 24)));
    for (const offset of offsets) {
      const folder = copyOfVault();
      const bit = Math.floor(random() * 8);
      flipBit(join(folder, 'vault.db'), offset, bit);
      await expectRefusedUnchanged(folder, 'CORRUPT', { label: `seed ${SEED}: bit ${bit} flipped at byte ${offset} of ${size}` });
      rmSync(folder, { recursive: true });
    }
  });

  it('bytes 0–15 of the database (the cipher salt, unused with a raw key) may change without harm: same records, same key', async () => {
    // SQLite3 Multiple Ciphers keeps a 16-byte salt in plaintext at the start of page 1; Casekeeper keys with a raw
    // 256-bit key, so the salt feeds nothing. A change there cannot alter or expose a record.
    const folder = copyOfVault();
    for (let offset = 0; offset < 16; offset += 1) flipBit(join(folder, 'vault.db'), offset, offset % 8);
    const vault = await unlockVault(folder, PASSPHRASE, deps);
    try {
      expect(vault.raw.pragma('integrity_check', { simple: true })).toBe('ok');
      expect((vault.raw.prepare('SELECT count(*) AS n FROM case_file').get() as { n: number }).n).toBe(20);
    } finally {
      closeVault(vault);
    }
  });

  it('a flipped bit in the plaintext header bytes 16–23 (page size, file format versions, reserved space) is detected', async () => {
    // These bytes stay unencrypted so SQLite can read them before decrypting; they are not covered by any page tag.
    // Byte 18 (write version) 2 → 3 goes unnoticed at unlock, and every later save fails as READ_ONLY
    // ("move the vault to a folder you can write to"), which sends the caseworker the wrong way.
    const failures: string[] = [];
    for (let offset = 16; offset < 24; offset += 1) {
      for (const bit of [0, 3, 7]) {
        const folder = copyOfVault();
        flipBit(join(folder, 'vault.db'), offset, bit);
        const before = snapshotFiles(folder);
        const outcome = await outcomeOf(unlockVault(folder, PASSPHRASE, deps));
        if (outcome.code !== 'CORRUPT') failures.push(`byte ${offset} bit ${bit}: ${outcome.code}`);
        expect(snapshotFiles(folder)).toEqual(before);
        rmSync(folder, { recursive: true });
      }
    }
    expect(failures).toEqual([]);
  });

  it(`one flipped bit at every byte of the key file is damage, never a wrong passphrase (seed ${SEED})`, async () => {
    const random = mulberry32(SEED ^ 0x5107);
    const folder = copyOfVault();
    const keyslots = join(folder, 'keyslots.json');
    const original = readFileSync(keyslots);
    // The one exception: the format version is read before the checksum (a newer format may check itself differently),
    // so a digit that flips from 1 to 3, 5 or 9 reads as "written by a newer Casekeeper" — also refused untouched.
    const versionDigit = original.indexOf('"formatVersion": ') + '"formatVersion": '.length;
    expect(String.fromCharCode(original[versionDigit]!)).toBe('1');
    const databaseBefore = snapshotFiles(folder)['vault.db'];
    const failures: string[] = [];
    for (let offset = 0; offset < original.length; offset += 1) {
      writeFileSync(keyslots, original);
      const bit = Math.floor(random() * 8);
      flipBit(keyslots, offset, bit);
      const damaged = readFileSync(keyslots);
      const newer = offset === versionDigit && /[2-9]/.test(String.fromCharCode(original[offset]! ^ (1 << bit)));
      const outcome = await outcomeOf(unlockVault(folder, PASSPHRASE, deps));
      if (outcome.code !== (newer ? 'NEWER_VERSION' : 'CORRUPT')) failures.push(`byte ${offset} bit ${bit}: ${outcome.code}`);
      if (!readFileSync(keyslots).equals(damaged)) failures.push(`byte ${offset} bit ${bit}: the key file was rewritten`);
    }
    expect(failures, `seed ${SEED}`).toEqual([]);
    expect(readdirSync(folder).sort()).toEqual(['keyslots.json', 'vault.db']);
    expect(snapshotFiles(folder)['vault.db']).toBe(databaseBefore);
  });
});

describe('random bytes', () => {
  it('random bytes in place of the database are a damaged vault', async () => {
    const folder = copyOfVault();
    const db = join(folder, 'vault.db');
    writeFileSync(db, randomBytes(statSync(db).size));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('random bytes in place of the key file beside the database are a damaged vault', async () => {
    const folder = copyOfVault();
    writeFileSync(join(folder, 'keyslots.json'), randomBytes(800));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('a folder of random files named like a vault, but without a key file, is not a vault', async () => {
    const folder = join(temp.path, 'Noise');
    mkdirSync(folder);
    writeFileSync(join(folder, 'vault.bin'), randomBytes(4096));
    writeFileSync(join(folder, 'keyslots.bak'), randomBytes(100));
    await expectRefusedUnchanged(folder, 'NOT_A_VAULT');
  });
});

describe('plain SQLite', () => {
  it('a plain SQLite file named like a vault is not a vault', async () => {
    const file = join(temp.path, 'Casework.ckvault.sqlite');
    plainSqlite(file);
    await expectRefusedUnchanged(file, 'NOT_A_VAULT');
  });

  it('a plain SQLite database in place of the encrypted one is a damaged vault', async () => {
    const folder = copyOfVault();
    rmSync(join(folder, 'vault.db'));
    plainSqlite(join(folder, 'vault.db'));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });
});

describe('a directory where a file belongs', () => {
  it('a directory in place of the database is a damaged vault', async () => {
    const folder = copyOfVault();
    rmSync(join(folder, 'vault.db'));
    mkdirSync(join(folder, 'vault.db'));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('a directory in place of the key file, beside the database, is a damaged vault', async () => {
    const folder = copyOfVault();
    rmSync(join(folder, 'keyslots.json'));
    mkdirSync(join(folder, 'keyslots.json'));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('a vault whose key file is missing (the database is still there) is a damaged vault, not "not a vault"', async () => {
    // README: CORRUPT is "the vault is damaged (… a damaged or missing file)".
    const folder = copyOfVault();
    rmSync(join(folder, 'keyslots.json'));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });
});

describe('a wrong key slot', () => {
  let other: string;
  let otherSamePassphrase: string;
  beforeAll(async () => {
    const a = await createVault(join(temp.path, 'Other'), OTHER_PASSPHRASE, { withRecoveryKey: false }, deps);
    closeVault(a.vault);
    other = a.vault.paths.folder;
    const b = await createVault(join(temp.path, 'Twin'), PASSPHRASE, { withRecoveryKey: false }, deps);
    closeVault(b.vault);
    otherSamePassphrase = b.vault.paths.folder;
  });

  it('keyslots.json from another vault with the same passphrase: the key it unwraps opens nothing here, so the vault is damaged', async () => {
    const folder = copyOfVault();
    copyFileSync(join(otherSamePassphrase, 'keyslots.json'), join(folder, 'keyslots.json'));
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });

  it('keyslots.json from another vault with another passphrase: this passphrase does not open it', async () => {
    const folder = copyOfVault();
    copyFileSync(join(other, 'keyslots.json'), join(folder, 'keyslots.json'));
    await expectRefusedUnchanged(folder, 'WRONG_PASSPHRASE');
  });

  it('key slots moved into this vault’s key file from another vault (checksum recomputed) do not open it', async () => {
    const folder = copyOfVault();
    const foreign = readKeyslots(join(otherSamePassphrase, 'keyslots.json'));
    rewriteKeyslots(folder, (file) => ({ ...file, slots: foreign.slots }));
    // The wrapping is bound to the vault id, so the foreign slot does not even unwrap.
    await expectRefusedUnchanged(folder, 'WRONG_PASSPHRASE');
  });

  it('an altered wrapped key with a recomputed checksum does not open the vault, and the recovery key still does', async () => {
    // Indistinguishable from a wrong passphrase by design (AES-GCM fails either way); what matters is that nothing opens wrongly or changes.
    const folder = copyOfVault();
    rewriteKeyslots(folder, (file) => ({
      ...file,
      slots: file.slots.map((slot) => {
        if (slot.kind !== 'passphrase') return slot;
        const bytes = Buffer.from(slot.wrap.ciphertext, 'base64');
        bytes[0] = bytes[0]! ^ 1;
        return { ...slot, wrap: { ...slot.wrap, ciphertext: bytes.toString('base64') } };
      }),
    }));
    await expectRefusedUnchanged(folder, 'WRONG_PASSPHRASE');
    const recovered = await unlockWithRecoveryKey(folder, recoveryKey, NEW_PASSPHRASE, deps);
    closeVault(recovered);
    closeVault(await unlockVault(folder, NEW_PASSPHRASE, deps));
  });

  it('KDF settings outside the allowed range with a recomputed checksum are a damaged key file, not a request error', async () => {
    for (const kdf of [{ memoryKiB: 8 }, { memoryKiB: 64 * 1024 * 1024 }, { iterations: 0 }, { iterations: 1_000_000 }, { parallelism: 0 }]) {
      const folder = copyOfVault();
      rewriteKeyslots(folder, (file) => ({
        ...file,
        slots: file.slots.map((slot) => (slot.kind === 'passphrase' ? { ...slot, kdf: { ...slot.kdf, ...kdf } } : slot)),
      }));
      await expectRefusedUnchanged(folder, 'CORRUPT', { label: JSON.stringify(kdf) });
      rmSync(folder, { recursive: true });
    }
  });
});

describe('newer versions', () => {
  async function newerVault(version: number): Promise<string> {
    const folder = copyOfVault();
    const vault = await unlockVault(folder, PASSPHRASE, deps);
    vault.raw.pragma(`user_version = ${version}`);
    closeVault(vault);
    return folder;
  }

  it('a vault one schema version ahead is refused untouched, also by the read-only path of vault check/info', async () => {
    const folder = await newerVault(LATEST_SCHEMA_VERSION + 1);
    const error = await expectRefusedUnchanged(folder, 'NEWER_VERSION');
    expect(error.message).toContain(String(LATEST_SCHEMA_VERSION + 1));
    await expectRefusedUnchanged(folder, 'NEWER_VERSION', { unlock: { migrate: false } });
  });

  it('a newer vault opened with the recovery key is refused before the new passphrase is set', async () => {
    const folder = await newerVault(LATEST_SCHEMA_VERSION + 1);
    const before = snapshotFiles(folder);
    expect((await outcomeOf(unlockWithRecoveryKey(folder, recoveryKey, NEW_PASSPHRASE, deps))).code).toBe('NEWER_VERSION');
    expect(snapshotFiles(folder)).toEqual(before);
  });

  it('a key file from a newer format is refused untouched by the recovery-key path too', async () => {
    const folder = copyOfVault();
    const keyslots = join(folder, 'keyslots.json');
    writeFileSync(keyslots, JSON.stringify({ ...(JSON.parse(readFileSync(keyslots, 'utf8')) as object), formatVersion: 2 }));
    const before = snapshotFiles(folder);
    expect((await outcomeOf(unlockWithRecoveryKey(folder, recoveryKey, NEW_PASSPHRASE, deps))).code).toBe('NEWER_VERSION');
    expect(snapshotFiles(folder)).toEqual(before);
  });
});

describe('a leftover write-ahead log (after a crash)', () => {
  /** A copy of an open vault, as a crash or power loss leaves it: committed cases still in vault.db-wal. */
  async function crashedCopy(): Promise<{ folder: string; wal: string; cases: number }> {
    const source = copyOfVault();
    const vault = await unlockVault(source, PASSPHRASE, deps);
    vault.raw.pragma('wal_autocheckpoint = 0');
    const ctx = { db: vault.db, actor: 'Bad Files', now: () => new Date() };
    for (let i = 0; i < 12; i += 1) await createCase(ctx, { client: { legalName: `After the checkpoint ${i}`, aliases: ['y'.repeat(2000)] } });
    const crashed = join(temp.path, `Crashed${copies}.ckvault`);
    mkdirSync(crashed);
    for (const name of readdirSync(source)) copyFileSync(join(source, name), join(crashed, name));
    closeVault(vault);
    const cases = 20 + 12;
    return { folder: crashed, wal: join(crashed, 'vault.db-wal'), cases };
  }

  it('an intact leftover WAL is recovered: every committed case is there', async () => {
    const { folder, cases } = await crashedCopy();
    const vault = await unlockVault(folder, PASSPHRASE, deps);
    try {
      expect((vault.raw.prepare('SELECT count(*) AS n FROM case_file').get() as { n: number }).n).toBe(cases);
    } finally {
      closeVault(vault);
    }
  });

  it('a flipped bit in the middle of a leftover WAL is refused as damage, instead of silently dropping the commits after it', async () => {
    // SQLite stops replaying the log at the first frame whose checksum fails and treats the rest as never written;
    // closing then checkpoints and deletes the log. DESIGN §5: a corrupted vault gets a clear message and no data is lost.
    const { folder, wal } = await crashedCopy();
    const size = statSync(wal).size;
    expect(size).toBeGreaterThan(10 * PAGE);
    flipBit(wal, Math.floor(size / 2), 3);
    await expectRefusedUnchanged(folder, 'CORRUPT');
  });
});
