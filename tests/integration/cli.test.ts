import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { closeVault, unlockVault } from '../../electron/services/vault/vault.service';
import { createCase, listCases } from '../../electron/services/cases/cases.service';
import { exportVault } from '../../electron/services/interchange/export.service';
import { makeTempDir, snapshotFiles, testVaultDeps } from '../support/temp';
import { openTestVault } from '../support/vault';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BIN = join(ROOT, 'bin', 'casekeeper.mjs');

const PASSPHRASE = 'harbour lantern quietly mango';
const NEW_PASSPHRASE = 'seventeen paper kites over Ürümqi';
const WRONG_PASSPHRASE = 'harbour lantern quietly melon';
/** The floor: real Argon2id, fast enough for tests. */
const FAST_KDF = ['--kdf-memory-mib', '64', '--kdf-iterations', '1'];
const RECOVERY_KEY_PATTERN = /\b[0-9A-Z]{5}(?:-[0-9A-Z]{5}){7}\b/;

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

/** The parent's environment without any passphrase a developer may have exported. */
function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { CASEKEEPER_PASSPHRASE: _current, CASEKEEPER_NEW_PASSPHRASE: _next, ...rest } = process.env;
  return { ...rest, ...extra };
}

/**
 * Runs `node bin/casekeeper.mjs …` as a user's shell would, but with no
 * terminal at all: stdin ignored and, through `detached`, a new session
 * without a controlling terminal, as on a CI runner.
 */
function casekeeper(args: string[], env: Record<string, string> = {}, as: { uid?: number; gid?: number } = {}): Promise<CliResult> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'pipe'], detached: true, ...as });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    const guard = setTimeout(() => child.kill('SIGKILL'), 25_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(guard);
      resolve({ code, stdout, stderr, ms: performance.now() - started });
    });
  });
}

let temp: ReturnType<typeof makeTempDir>;
let secrets: string;
let work: string;

beforeEach(() => {
  temp = makeTempDir('ck-cli-');
  // Passphrase files live apart from the vaults, so "nothing was created" is easy to see.
  secrets = join(temp.path, 'secrets');
  work = join(temp.path, 'work');
  mkdirSync(secrets, { mode: 0o700 });
  mkdirSync(work);
});
afterEach(() => temp.remove());

function secretFile(name: string, text: string): string {
  const path = join(secrets, name);
  writeFileSync(path, `${text}\n`, { mode: 0o600 });
  return path;
}

/** The test-only KDF setting (64 MiB × 1 pass) is accepted with one warning line, and nothing else on stderr. */
function expectOnlyFastKdfWarning(result: CliResult): void {
  expect(result.stderr).toMatch(/^(casekeeper: warning: Argon2id 64 MiB × 1 pass is below the recommended minimum[^\n]*\n)?$/);
  expect(result.stderr).not.toBe('');
}

/** Error output is one caseworker-readable line per problem: no stack, no secret. */
function expectCleanError(result: CliResult, ...secretTexts: string[]): void {
  expect(result.stderr).toMatch(/^casekeeper: /);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  for (const text of secretTexts) {
    expect(result.stdout).not.toContain(text);
    expect(result.stderr).not.toContain(text);
  }
}

async function createVaultWithCli(name = 'Casework', extra: string[] = [], folder = work): Promise<CreatedVault> {
  const passphraseFile = join(folder, '..', `create-${name}`);
  writeFileSync(passphraseFile, `${PASSPHRASE}\n`, { mode: 0o600 });
  const result = await casekeeper(['vault', 'create', join(folder, name), '--passphrase-file', passphraseFile, ...FAST_KDF, ...extra]);
  expectOnlyFastKdfWarning(result);
  expect(result.code).toBe(0);
  return { path: join(folder, `${name}.ckvault`), recoveryKey: result.stdout.match(RECOVERY_KEY_PATTERN)?.[0] ?? null, result };
}

interface CreatedVault {
  path: string;
  recoveryKey: string | null;
  result: CliResult;
}

/** One vault for the stories that only read it (each spawn costs a process start and an Argon2id run). */
let sharedTemp: ReturnType<typeof makeTempDir>;
let shared: CreatedVault;
beforeAll(async () => {
  sharedTemp = makeTempDir('ck-cli-shared-');
  mkdirSync(join(sharedTemp.path, 'vaults'));
  shared = await createVaultWithCli('Casework', [], join(sharedTemp.path, 'vaults'));
});
afterAll(() => sharedTemp?.remove());

// Every story spawns real processes that run Argon2id; leave room for a busy CI machine.
describe('casekeeper vault, as used from scripts and terminals', { timeout: 60_000 }, () => {
  it('an administrator creates a vault, reads its settings as JSON and checks it', async () => {
    const { path, recoveryKey, result } = shared;
    expect(result.stdout).toContain(path);
    expect(recoveryKey).not.toBeNull();
    expect(result.stdout).toMatch(/lose both the passphrase and this recovery key, the data in this vault is lost/);
    expect(result.stdout).not.toContain(PASSPHRASE);

    const passphraseFile = secretFile('pass', PASSPHRASE);
    const info = await casekeeper(['vault', 'info', path, '--json', '--passphrase-file', passphraseFile]);
    expect(info.code).toBe(0);
    const parsed = JSON.parse(info.stdout) as Record<string, unknown> & { kdf: { algorithm: string; memoryKiB: number; iterations: number } };
    expect(parsed).toMatchObject({ path, cipher: 'aegis-256', hasRecoveryKey: true, kdf: { algorithm: 'argon2id' } });
    expect(parsed.schemaVersion).toEqual(expect.any(Number));
    expect(parsed.schemaVersion).toBeGreaterThanOrEqual(1);
    expect(parsed.kdf.memoryKiB).toBeGreaterThanOrEqual(65536);
    expect(Number.isNaN(Date.parse(String(parsed.createdAt)))).toBe(false);
    expect(info.stdout).not.toMatch(/salt|wrap|ciphertext/i);

    const check = await casekeeper(['vault', 'check', path, '--passphrase-file', passphraseFile]);
    expect(check.stderr).toBe('');
    expect(check.code).toBe(0);
    expect(check.stdout).toMatch(/^ok: .*schema version \d+/);
  });

  it('an automation job gives the passphrase through CASEKEEPER_PASSPHRASE and names the vault as it was created', async () => {
    const { path } = await createVaultWithCli('Automation', ['--no-recovery-key']);
    const info = await casekeeper(['vault', 'info', join(work, 'Automation')], { CASEKEEPER_PASSPHRASE: PASSPHRASE });
    expect(info.code).toBe(0);
    expect(info.stdout).toContain(path);
    expect(info.stdout).toMatch(/Schema version:\s+\d+/);
    expect(info.stdout).toMatch(/Key derivation:\s+argon2id, 64 MiB, 1 pass/);
    expect(info.stdout).toMatch(/Recovery key:\s+no/);
  });

  it('someone with the wrong passphrase is refused with exit 3, and not one byte of the vault changes', async () => {
    const { path } = shared;
    const wrong = secretFile('wrong', WRONG_PASSPHRASE);
    const before = snapshotFiles(path);

    for (const command of [['check'], ['info', '--json'], ['passwd', '--new-passphrase-file', secretFile('next', NEW_PASSPHRASE), ...FAST_KDF]]) {
      const [name, ...rest] = command;
      const result = await casekeeper(['vault', name!, path, '--passphrase-file', wrong, ...rest]);
      expect(result.code, `vault ${name}`).toBe(3);
      expect(result.stdout).toBe('');
      expectCleanError(result, WRONG_PASSPHRASE, NEW_PASSPHRASE);
    }
    expect(snapshotFiles(path)).toEqual(before);
  });

  it('a caseworker changes the passphrase from a file; the old one stops working and the new one opens the vault', async () => {
    const { path } = await createVaultWithCli();
    const oldFile = secretFile('old', PASSPHRASE);
    const newFile = secretFile('new', NEW_PASSPHRASE);

    const passwd = await casekeeper(['vault', 'passwd', path, '--passphrase-file', oldFile, '--new-passphrase-file', newFile, ...FAST_KDF]);
    expectOnlyFastKdfWarning(passwd);
    expect(passwd.code).toBe(0);
    expectNoSecret(passwd, PASSPHRASE, NEW_PASSPHRASE);

    expect((await casekeeper(['vault', 'check', path, '--passphrase-file', oldFile])).code).toBe(3);
    expect((await casekeeper(['vault', 'check', path, '--passphrase-file', newFile])).code).toBe(0);
    expect((await casekeeper(['vault', 'check', path], { CASEKEEPER_PASSPHRASE: NEW_PASSPHRASE })).code).toBe(0);
  });

  it('a caseworker who forgot the passphrase recovers the vault with the recovery key shown at creation', async () => {
    const { path, recoveryKey } = await createVaultWithCli();
    const keyFile = secretFile('recovery', recoveryKey!);
    const newFile = secretFile('new', NEW_PASSPHRASE);

    const recover = await casekeeper(['vault', 'recover', path, '--recovery-key-file', keyFile, '--new-passphrase-file', newFile, ...FAST_KDF]);
    expectOnlyFastKdfWarning(recover);
    expect(recover.code).toBe(0);
    expectNoSecret(recover, recoveryKey!, NEW_PASSPHRASE);

    expect((await casekeeper(['vault', 'check', path, '--passphrase-file', newFile])).code).toBe(0);
    expect((await casekeeper(['vault', 'check', path, '--passphrase-file', secretFile('old', PASSPHRASE)])).code).toBe(3);
  });

  it('a recovery key from another vault is refused with exit 3 and the vault is left as it was', async () => {
    const otherKey = shared.recoveryKey;
    const { path } = await createVaultWithCli('Casework');
    const before = snapshotFiles(path);

    const result = await casekeeper([
      'vault', 'recover', path, '--recovery-key-file', secretFile('other-key', otherKey!), '--new-passphrase-file', secretFile('new', NEW_PASSPHRASE), ...FAST_KDF,
    ]);
    expect(result.code).toBe(3);
    expectCleanError(result, otherKey!, NEW_PASSPHRASE);
    expect(snapshotFiles(path)).toEqual(before);
  });

  it('pointing the tool at something that is not a vault gives exit 4 and changes nothing', async () => {
    const randomFile = join(work, 'holiday-photos.ckvault');
    writeFileSync(randomFile, randomBytes(4096));
    const emptyFolder = join(work, 'Empty.ckvault');
    mkdirSync(emptyFolder);
    const plainSqlite = join(work, 'addresses.db');
    const plain = new BetterSqlite3(plainSqlite);
    plain.exec("CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('someone')");
    plain.close();
    const passphraseFile = secretFile('pass', PASSPHRASE);
    const before = snapshotFiles(work);

    for (const target of [randomFile, emptyFolder, plainSqlite]) {
      for (const command of ['check', 'info']) {
        const result = await casekeeper(['vault', command, target, '--passphrase-file', passphraseFile]);
        expect(result.code, `${command} ${target}`).toBe(4);
        expect(result.stderr).toMatch(/not a Casekeeper vault/);
        expectCleanError(result, PASSPHRASE);
      }
    }
    expect(snapshotFiles(work)).toEqual(before);
  });

  it('a vault written by a newer Casekeeper is refused with exit 4 and left untouched', async () => {
    const { path } = await createVaultWithCli();
    const opened = await unlockVault(path, PASSPHRASE, testVaultDeps);
    opened.raw.pragma('user_version = 999');
    closeVault(opened);
    const before = snapshotFiles(path);

    const passphraseFile = secretFile('pass', PASSPHRASE);
    for (const command of ['check', 'info']) {
      const result = await casekeeper(['vault', command, path, '--passphrase-file', passphraseFile]);
      expect(result.code, command).toBe(4);
      expect(result.stderr).toMatch(/newer version of Casekeeper/);
      expectCleanError(result, PASSPHRASE);
    }
    expect(snapshotFiles(path)).toEqual(before);
  });

  it('with no terminal and no passphrase source, the tool stops at once with exit 2 and says how to give one', async () => {
    const { path } = shared;
    const before = snapshotFiles(path);

    const check = await casekeeper(['vault', 'check', path]);
    expect(check.code).toBe(2);
    expect(check.stderr).toMatch(/--passphrase-file FILE/);
    expect(check.stderr).toMatch(/CASEKEEPER_PASSPHRASE/);
    expect(check.ms).toBeLessThan(10_000);

    const passwd = await casekeeper(['vault', 'passwd', path, '--passphrase-file', secretFile('pass', PASSPHRASE), ...FAST_KDF]);
    expect(passwd.code).toBe(2);
    expect(passwd.stderr).toMatch(/--new-passphrase-file FILE/);
    expect(passwd.stderr).toMatch(/CASEKEEPER_NEW_PASSPHRASE/);

    const create = await casekeeper(['vault', 'create', join(work, 'NoSecret'), ...FAST_KDF]);
    expect(create.code).toBe(2);
    expect(existsSync(join(work, 'NoSecret.ckvault'))).toBe(false);
    expect(snapshotFiles(path)).toEqual(before);
  });

  it('a passphrase that is too short is refused at creation with exit 2, and nothing is created', async () => {
    const result = await casekeeper(['vault', 'create', join(work, 'Short'), '--passphrase-file', secretFile('short', 'mango'), ...FAST_KDF]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/at least 12 characters/);
    expectCleanError(result, 'mango');
    expect(readdirSync(work)).toEqual([]);
  });

  it('key-derivation settings below the 64 MiB floor are refused with exit 2, and nothing is created; below the recommended 64 MiB × 3 passes they only work with a warning', async () => {
    const passphraseFile = secretFile('pass', PASSPHRASE);
    const weak = await casekeeper(['vault', 'create', join(work, 'Weak'), '--passphrase-file', passphraseFile, '--kdf-memory-mib', '8', '--kdf-iterations', '1']);
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/64 MiB to 4096 MiB of memory/);

    const half = await casekeeper(['vault', 'create', join(work, 'Half'), '--passphrase-file', passphraseFile, '--kdf-memory-mib', '128']);
    expect(half.code).toBe(2);

    const garbage = await casekeeper(['vault', 'create', join(work, 'Garbage'), '--passphrase-file', passphraseFile, '--kdf-memory-mib', 'lots', '--kdf-iterations', '1']);
    expect(garbage.code).toBe(2);
    expect(readdirSync(work)).toEqual([]);

    // At the recommended minimum there is nothing to warn about.
    const recommended = await casekeeper(['vault', 'create', join(work, 'Recommended'), '--passphrase-file', passphraseFile, '--kdf-memory-mib', '64', '--kdf-iterations', '3', '--no-recovery-key']);
    expect(recommended.code).toBe(0);
    expect(recommended.stderr).toBe('');
  });

  it('a newcomer reads --help and finds the commands, the passphrase sources and the exit codes', async () => {
    const top = await casekeeper(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Exit codes:/);
    for (const code of ['0  ok', '1  error', '2  usage', '3  wrong passphrase', '4  not a vault']) expect(top.stdout).toContain(code);

    const vault = await casekeeper(['vault', '--help']);
    expect(vault.code).toBe(0);
    for (const command of ['create', 'check', 'info', 'passwd', 'recover']) expect(vault.stdout).toMatch(new RegExp(`^\\s+${command} `, 'm'));
    expect(vault.stdout).toMatch(/CASEKEEPER_PASSPHRASE\s+for automation only\. Less safe/);

    const unknown = await casekeeper(['vault', 'shred', 'x']);
    expect(unknown.code).toBe(2);
  });
});

function expectNoSecret(result: CliResult, ...secretTexts: string[]): void {
  for (const text of secretTexts) {
    expect(result.stdout).not.toContain(text);
    expect(result.stderr).not.toContain(text);
  }
}

describe('two passphrase changes at the same moment', { timeout: 180_000 }, () => {
  it('two administrators run vault passwd at once, several times: one wins each round, the other is told, and the vault always opens with the winner’s passphrase', async () => {
    const { path } = await createVaultWithCli('Race', ['--no-recovery-key']);
    let current = PASSPHRASE;
    for (let round = 1; round <= 4; round += 1) {
      const currentFile = secretFile(`current-${round}`, current);
      const candidates = [`round ${round} passphrase from the first desk`, `round ${round} passphrase from the second desk`];
      const results = await Promise.all(
        candidates.map((next, i) => casekeeper(['vault', 'passwd', path, '--passphrase-file', currentFile, '--new-passphrase-file', secretFile(`next-${round}-${i}`, next), ...FAST_KDF])),
      );
      const winners = candidates.filter((_, i) => results[i]!.code === 0);
      expect(winners, `round ${round}: ${results.map((r) => `${r.code} ${r.stderr}`).join(' | ')}`).toHaveLength(1);
      const loser = results.find((r) => r.code !== 0)!;
      // The loser either waited for the winner and found the passphrase changed (6), or unlocked after it (3).
      expect([3, 6]).toContain(loser.code);
      expect(loser.stderr).toMatch(/changed (elsewhere|by another)|does not open this vault/);
      expect(loser.stderr).toMatch(/Nothing was changed|does not open this vault/);
      current = winners[0]!;
      const check = await casekeeper(['vault', 'check', path], { CASEKEEPER_PASSPHRASE: current });
      expect(check.code, `round ${round}: the winner’s passphrase opens the vault`).toBe(0);
      for (const other of candidates.filter((c) => c !== current)) {
        expect((await casekeeper(['vault', 'check', path], { CASEKEEPER_PASSPHRASE: other })).code).toBe(3);
      }
    }
    // No lock or temp file is left behind.
    expect(readdirSync(path).sort()).toEqual(['keyslots.json', 'vault.db']);
  });
});

const isRoot = process.getuid?.() === 0;
const canMount =
  isRoot &&
  (() => {
    try {
      execFileSync('mount', ['--version'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

/** An export file with one case, made by the real export service. */
async function exportFileWithOneCase(): Promise<string> {
  const source = await openTestVault('Export source');
  try {
    await createCase(source.ctx, { client: { legalName: 'Aziz Tursun' } });
    const file = join(secrets, 'one-case.json');
    writeFileSync(file, JSON.stringify(await exportVault(source.vault.db)));
    return file;
  } finally {
    source.close();
  }
}

describe('every failure a caseworker can meet has its code, its message and its exit code', { timeout: 60_000 }, () => {
  it('an import while another program holds the vault says the vault is busy (exit 6), not "something went wrong"', async () => {
    const { path } = await createVaultWithCli('Busy', ['--no-recovery-key']);
    const file = await exportFileWithOneCase();
    const holder = await unlockVault(path, PASSPHRASE, testVaultDeps);
    try {
      holder.raw.exec('BEGIN IMMEDIATE');
      const result = await casekeeper(['import', path, file], { CASEKEEPER_PASSPHRASE: PASSPHRASE });
      expect(result.code).toBe(6);
      expect(result.stderr).toMatch(/^casekeeper: Another program is using the vault right now.*Nothing was changed/);
      expect(result.stderr).not.toMatch(/Something went wrong/);
      holder.raw.exec('ROLLBACK');
    } finally {
      closeVault(holder);
    }
  });

  it.skipIf(!isRoot)('a vault.db that the user may not write is refused at open as read-only (exit 1), before anything runs', async () => {
    const { path } = await createVaultWithCli('Readonly', ['--no-recovery-key']);
    execFileSync('chown', ['-R', '65534:65534', temp.path]);
    chmodSync(join(path, 'vault.db'), 0o444);
    const before = snapshotFiles(path);
    const result = await casekeeper(['vault', 'check', path], { CASEKEEPER_PASSPHRASE: PASSPHRASE }, { uid: 65534, gid: 65534 });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/^casekeeper: This vault is read-only here/);
    expect(snapshotFiles(path)).toEqual(before);
  });

  it.skipIf(!canMount)('an import onto a full disk says the disk is full (exit 1) and keeps the vault as it was', async () => {
    const mount = join(temp.path, 'small');
    mkdirSync(mount);
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=3072k,mode=0700', 'tmpfs', mount]);
    try {
      const { path } = await createVaultWithCli('Tiny', ['--no-recovery-key'], mount);
      const file = await exportFileWithOneCase();
      const filler = join(mount, 'filler');
      try {
        writeFileSync(filler, Buffer.alloc(64 * 1024 * 1024));
      } catch {
        // ENOSPC: the disk is full now.
      }
      const result = await casekeeper(['import', path, file], { CASEKEEPER_PASSPHRASE: PASSPHRASE });
      expect(result.stderr).toMatch(/^casekeeper: The disk is full/);
      expect(result.code).toBe(1);
      rmSync(filler);
      const reopened = await unlockVault(path, PASSPHRASE, testVaultDeps);
      try {
        expect((await listCases(reopened.db, {})).total).toBe(0);
      } finally {
        closeVault(reopened);
      }
    } finally {
      execFileSync('umount', ['-l', mount]);
    }
  });
});
