import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AppError } from '../../shared/errors';
import { verifyAuditChain } from '../../electron/services/audit/audit.service';
import { getCase } from '../../electron/services/cases/cases.service';
import { readEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { closeVault, createVault, unlockVault, type OpenVault } from '../../electron/services/vault/vault.service';
import { mulberry32 } from '../../shared/seeded-random';
import { testSeed } from '../support/prng';
import { makeTempDir, testVaultDeps } from '../support/temp';

/**
 * A laptop that loses power or a process the OS kills: a writer child process
 * commits many small transactions through the real services and is killed
 * with SIGKILL at random moments. After every kill the vault must open with
 * its passphrase, pass SQLite's full integrity check and the audit-chain
 * verification, and hold every record whose commit was acknowledged.
 *
 * Replay a failure with CK_TEST_SEED=<seed> (printed in the test name).
 * CK_CRASH_ROUNDS changes the number of kills (default 50).
 */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const WRITER = join(ROOT, 'tests', 'support', 'crash-writer.ts');
const ROUNDS = Number(process.env.CK_CRASH_ROUNDS ?? 50);
const SEED = testSeed();
const PASSPHRASES = ['harbour lantern quietly mango', 'seventeen paper kites over the bay'] as const;

interface Run {
  lines: string[];
  signal: NodeJS.Signals | null;
  code: number | null;
  stderr: string;
  sawReady: boolean;
}

/** Starts the writer and kills it `delayMs` after it starts (early) or after it reports ready. */
function runAndKill(folder: string, passphrase: string, other: string, seed: number, options: { early: boolean; delayMs: number; changeFirst: boolean }): Promise<Run> {
  const { early, delayMs } = options;
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, folder], {
      cwd: ROOT,
      env: { ...process.env, CK_CRASH_PASSPHRASE: passphrase, CK_CRASH_OTHER_PASSPHRASE: other, CK_CRASH_SEED: String(seed), CK_CRASH_CHANGE_FIRST: options.changeFirst ? '1' : '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let sawReady = false;
    const kill = (): void => {
      child.kill('SIGKILL');
    };
    // A writer that never gets going is a failure, not a hang.
    const guard = setTimeout(kill, 20_000);
    if (early) setTimeout(kill, delayMs);
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
      if (!sawReady && stdout.includes('ready ')) {
        sawReady = true;
        if (!early) setTimeout(kill, delayMs);
      }
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(guard);
      // Only complete lines were acknowledged; a torn last line was not.
      const lines = stdout.split('\n');
      lines.pop();
      resolve({ lines, signal, code, stderr, sawReady });
    });
  });
}

/** What the writers promised, built from their acknowledgements. */
interface Expected {
  cases: Set<string>;
  /** caseId → the last acknowledged summary update. */
  updates: Map<string, { version: number; tag: string }>;
  threats: Set<string>;
  contacts: Map<string, string>;
  evidence: Map<string, string>;
}

function copyVault(folder: string, to: string): void {
  mkdirSync(to);
  for (const name of readdirSync(folder)) copyFileSync(join(folder, name), join(to, name));
}

/** Opens with the expected passphrase; during an unacknowledged change either may be the right one. */
async function openAfterCrash(folder: string, passphrases: { current: string; other: string; changeInFlight: boolean }): Promise<{ vault: OpenVault; switched: boolean }> {
  let opened: { vault: OpenVault; switched: boolean };
  try {
    opened = { vault: await unlockVault(folder, passphrases.current, testVaultDeps), switched: false };
  } catch (error) {
    if (!(passphrases.changeInFlight && error instanceof AppError && error.code === 'WRONG_PASSPHRASE')) throw error;
    opened = { vault: await unlockVault(folder, passphrases.other, testVaultDeps), switched: true };
  }
  // A killed passphrase change leaves neither its lock nor a key-slot temp file (which could hold an unconfirmed passphrase) behind.
  expect(readdirSync(folder).filter((name) => name.endsWith('.lock') || name.endsWith('.tmp') || name.endsWith('.partial'))).toEqual([]);
  return opened;
}

async function verifyVault(vault: OpenVault, expected: Expected, newThisRound: { cases: string[]; evidence: string[] }, label: string): Promise<void> {
  const raw = vault.raw;
  expect(raw.pragma('integrity_check', { simple: true }), `${label}: integrity_check`).toBe('ok');
  expect(raw.pragma('foreign_key_check'), `${label}: foreign_key_check`).toEqual([]);

  const audit = await verifyAuditChain(vault.db);
  expect(audit, `${label}: audit chain`).toMatchObject({ ok: true, firstBrokenSeq: null });

  const ids = (sql: string): Set<string> => new Set((raw.prepare(sql).all() as Array<{ id: string }>).map((row) => row.id));
  const cases = new Map((raw.prepare('SELECT id, version, summary FROM case_file').all() as Array<{ id: string; version: number; summary: string }>).map((r) => [r.id, r]));
  const threats = ids('SELECT id FROM threat');
  const contacts = ids('SELECT id FROM contact');
  const links = new Set((raw.prepare('SELECT case_id, contact_id FROM case_contact').all() as Array<{ case_id: string; contact_id: string }>).map((r) => `${r.case_id}/${r.contact_id}`));
  const evidence = new Map((raw.prepare('SELECT id, sha256 FROM evidence').all() as Array<{ id: string; sha256: string }>).map((r) => [r.id, r.sha256]));
  const audited = ids("SELECT DISTINCT entity_id AS id FROM audit_entry WHERE action = 'create'");

  const missing = (want: Iterable<string>, have: { has(id: string): boolean }): string[] => [...want].filter((id) => !have.has(id));
  expect(missing(expected.cases, cases), `${label}: acknowledged cases missing`).toEqual([]);
  expect(missing(expected.threats, threats), `${label}: acknowledged threats missing`).toEqual([]);
  expect(missing(expected.contacts.keys(), contacts), `${label}: acknowledged contacts missing`).toEqual([]);
  expect(
    [...expected.contacts].filter(([contact, kase]) => !links.has(`${kase}/${contact}`)),
    `${label}: acknowledged contact links missing`,
  ).toEqual([]);
  expect(
    [...expected.evidence].filter(([id, sha]) => evidence.get(id) !== sha),
    `${label}: acknowledged evidence missing or with another hash`,
  ).toEqual([]);
  for (const [caseId, update] of expected.updates) {
    const row = cases.get(caseId);
    // A later update may have committed just before the kill, without its acknowledgement.
    expect(row && row.version >= update.version, `${label}: case ${caseId} lost acknowledged version ${update.version}`).toBe(true);
    if (row?.version === update.version) expect(row.summary, `${label}: case ${caseId} summary`).toBe(update.tag);
  }

  // No torn transaction: every stored record came with its audit entry (the writer is the only writer).
  expect(missing([...cases.keys(), ...threats, ...contacts, ...evidence.keys()], audited), `${label}: records without their audit entry`).toEqual([]);
  const orphans = raw.prepare('SELECT count(*) AS n FROM case_file c WHERE NOT EXISTS (SELECT 1 FROM client k WHERE k.case_id = c.id)').get() as { n: number };
  expect(orphans.n, `${label}: cases without a client`).toBe(0);

  // This round's new records read back through the services (client joined, evidence hash re-checked).
  for (const id of newThisRound.cases) expect((await getCase(vault.db, id)).id).toBe(id);
  for (const id of newThisRound.evidence) {
    const bytes = await readEvidenceBytes(vault.db, id);
    expect(createHash('sha256').update(bytes).digest('hex'), `${label}: evidence ${id}`).toBe(expected.evidence.get(id));
  }
}

let temp: ReturnType<typeof makeTempDir>;
let folder: string;
beforeAll(async () => {
  temp = makeTempDir('ck-crash-');
  const { vault } = await createVault(join(temp.path, 'Crash'), PASSPHRASES[0], { withRecoveryKey: false }, testVaultDeps);
  folder = vault.paths.folder;
  closeVault(vault);
});
afterAll(() => temp?.remove());

describe('crash safety', () => {
  it(`a writer killed with SIGKILL ${ROUNDS} times at random moments never loses an acknowledged write nor damages the vault (seed ${SEED})`, { timeout: 600_000 }, async () => {
    const random = mulberry32(SEED);
    const expected: Expected = { cases: new Set(), updates: new Map(), threats: new Set(), contacts: new Map(), evidence: new Map() };
    let current: string = PASSPHRASES[0];
    let other: string = PASSPHRASES[1];
    const stats = { acknowledged: 0, early: 0, passphraseChanges: 0, inFlightChanges: 0, hotWalRounds: 0 };

    for (let round = 0; round < ROUNDS; round += 1) {
      const label = `seed ${SEED}, round ${round}`;
      // Some kills land while the writer is still starting up or unlocking (recovering the previous WAL).
      const early = random() < 0.15;
      const delayMs = early ? random() * 900 : random() * 350;
      // Some writers start with a passphrase change (two Argon2id runs and an atomic key-file replace), so kills land inside it.
      const changeFirst = random() < 0.12;
      const run = await runAndKill(folder, current, other, Math.floor(random() * 2 ** 31), { early, delayMs, changeFirst });
      expect(run.signal, `${label}: the writer ended by itself (code ${run.code}): ${run.stderr}`).toBe('SIGKILL');
      if (early) stats.early += 1;

      const newThisRound = { cases: [] as string[], evidence: [] as string[] };
      let changeInFlight = false;
      for (const line of run.lines) {
        const [kind, a, b, c] = line.split(' ');
        switch (kind) {
          case 'ready':
            expect(Number(a), `${label}: the writer is the process that was killed`).toBeGreaterThan(0);
            break;
          case 'case':
            expected.cases.add(a!);
            newThisRound.cases.push(a!);
            break;
          case 'update':
            expected.updates.set(a!, { version: Number(b), tag: c! });
            break;
          case 'threat':
            expected.threats.add(a!);
            break;
          case 'contact':
            expected.contacts.set(a!, b!);
            break;
          case 'evidence':
            expected.evidence.set(a!, b!);
            newThisRound.evidence.push(a!);
            break;
          case 'passphrase-begin':
            changeInFlight = true;
            break;
          case 'passphrase':
            changeInFlight = false;
            [current, other] = [other, current];
            stats.passphraseChanges += 1;
            break;
          default:
            throw new Error(`${label}: unexpected line from the writer: ${line}`);
        }
        if (kind !== 'ready' && kind !== 'passphrase-begin') stats.acknowledged += 1;
      }
      if (changeInFlight) stats.inFlightChanges += 1;

      // Odd rounds check a copy of the folder as the kill left it, so the next
      // writer has to recover the hot WAL itself; even rounds open the vault in place.
      const inPlace = round % 2 === 0 || round === ROUNDS - 1;
      let target = folder;
      if (!inPlace) {
        target = join(temp.path, `round-${round}.ckvault`);
        copyVault(folder, target);
        if (existsSync(join(folder, 'vault.db-wal'))) stats.hotWalRounds += 1;
      }
      const { vault, switched } = await openAfterCrash(target, { current, other, changeInFlight });
      try {
        await verifyVault(vault, expected, newThisRound, label);
      } finally {
        closeVault(vault);
        if (!inPlace) rmSync(target, { recursive: true, force: true });
      }
      if (switched) [current, other] = [other, current];
    }

    expect(stats.acknowledged, `seed ${SEED}: the writers acknowledged too little to mean anything`).toBeGreaterThan(ROUNDS * 2);
    console.info(`crash safety (seed ${SEED}): ${ROUNDS} kills (${stats.early} early), ${stats.acknowledged} acknowledged writes, ${expected.cases.size} cases, ${expected.evidence.size} evidence items, ${stats.passphraseChanges} passphrase changes (${stats.inFlightChanges} killed mid-change), ${stats.hotWalRounds} checks of a hot WAL`);
  });
});
