import { mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import BetterSqlite3 from 'better-sqlite3-multiple-ciphers';
import { openRawDatabase, assertIntact, type RawDatabase } from '../electron/db/connection';
import { calibrateKdf } from '../electron/services/vault/kdf';
import { closeVault, createVault, unlockVault } from '../electron/services/vault/vault.service';
import { makeTempDir } from '../tests/support/temp';
import { benchCaseList, benchImport, benchInsertThreats, benchOpenCase, FLAVOURS, type Flavour } from './records';
import { benchSearch } from './search';
import { benchBackup } from './backup';
import { benchPacketPreview } from './packet-preview';
import { benchPacketExport } from './packets';
import { type BenchGroup, parseBenchOnly } from './groups';

/**
 * `npm run bench`: figures users feel, on this machine, with the encrypted
 * vault and plain SQLite side by side in one run. Writes Markdown and JSON to
 * bench/results/. Not a test: nothing here passes or fails.
 */
interface Row {
  name: string;
  encryptedMs: number | null;
  plainMs: number | null;
  note: string;
}

const ROWS = Number(process.env.BENCH_ROWS ?? 50_000);
const THREATS = Number(process.env.BENCH_THREATS ?? 10_000);
const CASES = Number(process.env.BENCH_CASES ?? 20_000);
// 20,000 (the issue's size) takes ~7.5 min on 2 cores for this part alone; the default keeps `npm run bench` under ~10 min.
const LARGE_CASES = Number(process.env.BENCH_LARGE_CASES ?? 8_000);
const results: Row[] = [];
// BENCH_ONLY=search,backup runs those groups only (bench/groups.ts lists them).
const only = ((): ReadonlySet<BenchGroup> => {
  try {
    return parseBenchOnly(process.env.BENCH_ONLY);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(2);
  }
})();

function time<T>(fn: () => T): { ms: number; value: T } {
  const started = performance.now();
  const value = fn();
  return { ms: performance.now() - started, value };
}

async function timeAsync<T>(fn: () => Promise<T>): Promise<{ ms: number; value: T }> {
  const started = performance.now();
  const value = await fn();
  return { ms: performance.now() - started, value };
}

/** The process's peak resident memory up to when it is stopped, in MiB. */
function peakRss(): { stop(): number } {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => {
    peak = Math.max(peak, process.memoryUsage().rss);
  }, 25);
  return {
    stop: () => {
      clearInterval(timer);
      // maxRSS (KiB) also catches peaks inside long synchronous SQLite calls the timer cannot see.
      return Math.max(peak, process.memoryUsage().rss, process.resourceUsage().maxRSS * 1024) / 1024 ** 2;
    },
  };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function openPlain(file: string): RawDatabase {
  const db = new BetterSqlite3(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('synchronous = FULL');
  db.pragma('temp_store = MEMORY');
  db.pragma('secure_delete = ON');
  return db;
}

/** The same workload on both databases: returns per-phase milliseconds. */
function workload(db: RawDatabase): Record<string, number> {
  db.exec(`CREATE TABLE bench_threat (
    id INTEGER PRIMARY KEY, case_id INTEGER NOT NULL, tactic TEXT NOT NULL,
    occurred_on TEXT NOT NULL, severity INTEGER NOT NULL, description TEXT NOT NULL, version INTEGER NOT NULL DEFAULT 1)`);
  db.exec('CREATE INDEX bench_threat_case ON bench_threat(case_id, occurred_on)');
  const tactics = ['coercion_by_proxy', 'red_notice', 'surveillance', 'online_harassment', 'kidnapping'];
  const text = 'Relatives were visited at home and told to persuade him to return; officers photographed the family documents. ';
  const insert = db.prepare('INSERT INTO bench_threat (case_id, tactic, occurred_on, severity, description) VALUES (?, ?, ?, ?, ?)');
  const phases: Record<string, number> = {};

  phases.insert = time(() => {
    // Realistic write pattern: many small transactions (one per saved form), 100 rows each here.
    for (let start = 0; start < ROWS; start += 100) {
      db.transaction(() => {
        for (let i = start; i < Math.min(ROWS, start + 100); i += 1) {
          insert.run(i % 2000, tactics[i % tactics.length], `2026-${String((i % 12) + 1).padStart(2, '0')}-15`, (i % 5) + 1, text + i);
        }
      })();
    }
  }).ms;

  const byId = db.prepare('SELECT * FROM bench_threat WHERE id = ?');
  phases.selectById = time(() => {
    for (let i = 0; i < 20_000; i += 1) byId.get(1 + ((i * 7919) % ROWS));
  }).ms;

  const byCase = db.prepare('SELECT * FROM bench_threat WHERE case_id = ? ORDER BY occurred_on DESC');
  phases.selectByCase = time(() => {
    for (let i = 0; i < 2_000; i += 1) byCase.all(i);
  }).ms;

  const update = db.prepare('UPDATE bench_threat SET severity = ?, version = version + 1 WHERE id = ?');
  phases.update = time(() => {
    for (let start = 0; start < 10_000; start += 100) {
      db.transaction(() => {
        for (let i = start; i < start + 100; i += 1) update.run((i % 5) + 1, 1 + ((i * 104729) % ROWS));
      })();
    }
  }).ms;
  db.pragma('wal_checkpoint(TRUNCATE)');
  phases.integrityCheck = time(() => assertIntact(db)).ms;
  return phases;
}

async function main(): Promise<void> {
  const temp = makeTempDir('ck-bench-');
  try {
    // 1. Unlock at the calibrated KDF setting (what a caseworker waits for).
    if (only.has('unlock')) {
      const { ms: calibrateMs, value: kdf } = await timeAsync(() => calibrateKdf());
      const passphrase = 'benchmark passphrase with several words';
      const { vault } = await createVault(join(temp.path, 'Bench'), passphrase, { withRecoveryKey: true }, { kdfParams: async () => kdf });
      closeVault(vault);
      const unlocks: number[] = [];
      for (let i = 0; i < 5; i += 1) {
        const { ms, value } = await timeAsync(() => unlockVault(vault.paths.folder, passphrase, { kdfParams: async () => kdf }));
        unlocks.push(ms);
        closeVault(value);
      }
      results.push({
        name: `unlock (Argon2id ${kdf.memoryKiB / 1024} MiB × ${kdf.iterations} passes, calibrated in ${calibrateMs.toFixed(0)} ms)`,
        encryptedMs: median(unlocks),
        plainMs: null,
        note: 'median of 5; KDF + open + integrity check of an empty vault',
      });
    }

    // 2. The same insert/select/update workload, encrypted (AEGIS-256) and plain.
    // Three rounds, alternating which goes first, fresh files each time; the median per phase is reported.
    if (only.has('sqlite')) {
      const encRuns: Array<Record<string, number>> = [];
      const plainRuns: Array<Record<string, number>> = [];
      let sizeMiB = 0;
      for (let round = 0; round < 3; round += 1) {
        const runEncrypted = (): void => {
          const file = join(temp.path, `enc-${round}.db`);
          const db = openRawDatabase(file, randomBytes(32), { create: true });
          encRuns.push(workload(db));
          sizeMiB = statSync(file).size / 1024 / 1024;
          db.close();
          rmSync(file, { force: true });
        };
        const runPlain = (): void => {
          const file = join(temp.path, `plain-${round}.db`);
          const db = openPlain(file);
          plainRuns.push(workload(db));
          db.close();
          rmSync(file, { force: true });
        };
        if (round % 2 === 0) {
          runEncrypted();
          runPlain();
        } else {
          runPlain();
          runEncrypted();
        }
      }
      const medianOf = (runs: Array<Record<string, number>>, key: string) => median(runs.map((r) => r[key]!));
      const labels: Record<string, string> = {
        insert: `insert ${ROWS.toLocaleString('en')} threats (100 per transaction, synchronous=FULL)`,
        selectById: 'select 20,000 threats by id',
        selectByCase: 'select all threats of 2,000 cases (indexed, sorted)',
        update: 'update 10,000 threats (100 per transaction)',
        integrityCheck: `integrity check at unlock (quick_check, ${sizeMiB.toFixed(1)} MiB)`,
      };
      for (const key of Object.keys(labels)) {
        results.push({ name: labels[key]!, encryptedMs: medianOf(encRuns, key), plainMs: medianOf(plainRuns, key), note: 'median of 3' });
      }
    }
    // 3. Case records through the real services, encrypted and plain side by side.
    const pair = async (fn: (flavour: Flavour) => Promise<number>) => {
      const [encrypted, plain] = [await fn(FLAVOURS[0]!), await fn(FLAVOURS[1]!)];
      return { encrypted, plain };
    };
    if (only.has('records')) {
      const openCase = await pair((f) => benchOpenCase(f, temp.path));
      results.push({ name: 'open a case with 200 threats and 50 evidence items (every list the case page loads)', encryptedMs: openCase.encrypted, plainMs: openCase.plain, note: 'median of 7' });
      const threats = await pair((f) => benchInsertThreats(f, temp.path, THREATS));
      results.push({ name: `record ${THREATS.toLocaleString('en')} threats through the service (one transaction + audit entry each)`, encryptedMs: threats.encrypted, plainMs: threats.plain, note: '' });
    }
    if (only.has('import')) {
      const imported = await benchImport(temp.path);
      results.push({
        name: `import an export file: ${imported.records.toLocaleString('en')} records (cases, clients, contacts, threats, evidence) in one transaction, validation included`,
        encryptedMs: imported.ms.encrypted,
        plainMs: imported.ms.plain,
        note: `${Math.round(imported.records / (imported.ms.encrypted / 1000)).toLocaleString('en')} records/s encrypted`,
      });
    }
    if (only.has('records')) {
      const encList = await benchCaseList(FLAVOURS[0]!, temp.path, CASES);
      const plainList = await benchCaseList(FLAVOURS[1]!, temp.path, CASES);
      results.push({ name: `cases list, first page of 100 at ${CASES.toLocaleString('en')} cases`, encryptedMs: encList.firstPage, plainMs: plainList.firstPage, note: 'median of 5' });
      results.push({ name: `cases list type-ahead ("Zhang") at ${CASES.toLocaleString('en')} cases`, encryptedMs: encList.typeAhead, plainMs: plainList.typeAhead, note: 'median of 5' });
    }

    // 4. Search on the large demo (same seed into an encrypted and a plain database).
    if (only.has('search')) {
      const memory = peakRss();
      const s = await benchSearch(temp.path, LARGE_CASES);
      const peakMiB = memory.stop();
      const size = `${s.cases.toLocaleString('en')} cases, ${(s.cases * 10).toLocaleString('en')} threats`;
      results.push({ name: `generate the large demo (${size}; index triggers included)`, encryptedMs: s.generateMs.encrypted, plainMs: s.generateMs.plain, note: `${s.sizeMiB.encrypted.toFixed(0)} / ${s.sizeMiB.plain.toFixed(0)} MiB` });
      for (const [key, label] of [['latin', 'Latin, 100 queries'], ['cjk', 'CJK 1–3 characters, 60 queries'], ['arabic', 'Arabic script, 40 queries'], ['all', 'all 200 queries']] as const) {
        const p = s[key];
        results.push({ name: `search p50 at ${size} (${label})`, encryptedMs: p.encrypted.p50, plainMs: p.plain.p50, note: '' });
        results.push({ name: `search p95 at ${size} (${label})`, encryptedMs: p.encrypted.p95, plainMs: p.plain.p95, note: 'target < 30 ms' });
      }
      results.push({ name: `peak memory (RSS) of the process while generating, searching and loading screens at ${size}`, encryptedMs: null, plainMs: null, note: `${peakMiB.toFixed(0)} MiB` });
      const screenLabels = { dashboard: 'dashboard load', caseListFirstPage: 'cases list, first page of 100', report: 'report generation (all four reports)' } as const;
      for (const [key, label] of Object.entries(screenLabels) as Array<[keyof typeof screenLabels, string]>) {
        results.push({ name: `${label} at ${size}`, encryptedMs: s.screens[key].encrypted, plainMs: s.screens[key].plain, note: 'median of 5' });
      }
    }

    // 5. Backup, preview and restore of a large vault (BENCH_BACKUP_MIB, default 1 GiB of evidence-like blobs).
    if (only.has('backup')) {
      const b = await benchBackup(temp.path);
      const big = `${b.sizeMiB.toFixed(0)} MiB vault`;
      results.push({ name: `backup of a ${big} (snapshot, check, checksums, atomic rename)`, encryptedMs: b.backup.encrypted, plainMs: b.backup.plain, note: 'plain: VACUUM INTO only' });
      results.push({ name: `longest pause of the app's main process during that backup (synchronous snapshot + check)`, encryptedMs: b.backupLongestPauseMs, plainMs: null, note: '' });
      results.push({ name: `preview a backup of a ${big} (whole-file checksum, key slot, read-only open)`, encryptedMs: b.preview, plainMs: null, note: '' });
      results.push({ name: `restore a backup of a ${big} (copy, full integrity check)`, encryptedMs: b.restore.encrypted, plainMs: b.restore.plain, note: 'plain: file copy' });
    }

    // 6. A referral packet with 50 threats and 20 photos, leak scan included.
    if (only.has('packet-export')) {
      const p = await benchPacketExport(temp.path);
      results.push({
        name: `export a referral packet: 50 threats, 20 photos (${p.photosMiB.toFixed(0)} MiB; re-encode, PDF, JSON, manifest, leak scan, ZIP)`,
        encryptedMs: p.exportMs,
        plainMs: null,
        note: `packet ${p.packetMiB.toFixed(0)} MiB; peak RSS ${p.peakRssMiB.toFixed(0)} MiB`,
      });
    }

    // 7. The packet preview after a change in the builder: 200 threats scrubbed by the identity-aware matcher (target < 300 ms).
    if (only.has('packet-preview')) {
      const pv = await benchPacketPreview(temp.path);
      results.push({
        name: `packet preview: ${pv.threats} threats naming 5 withheld relatives in 3 scripts (${pv.redactions} replacements)`,
        encryptedMs: pv.medianMs,
        plainMs: null,
        note: `median of 7; slowest (first, cold caches) ${pv.maxMs.toFixed(0)} ms`,
      });
    }
  } finally {
    temp.remove();
  }
  report();
}

function report(): void {
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${(totalmem() / 1024 ** 3).toFixed(0)} GiB, Node ${process.version}, ${process.platform}`;
  const fmt = (ms: number | null) => (ms === null ? '–' : ms < 10 ? ms.toFixed(2) : ms.toFixed(0));
  const lines = [
    `# Casekeeper benchmarks`,
    '',
    `Run ${new Date().toISOString()} on ${machine}.`,
    '',
    ...(process.env.BENCH_ONLY?.trim() ? [`Only these groups (BENCH_ONLY): ${[...only].join(', ')}.`, ''] : []),
    '| benchmark | encrypted (ms) | plain SQLite (ms) | encrypted / plain |',
    '|---|---:|---:|---:|',
    ...results.map((r) => {
      const ratio = r.encryptedMs !== null && r.plainMs ? `${(r.encryptedMs / r.plainMs).toFixed(2)}×` : '–';
      return `| ${r.name}${r.note ? ` (${r.note})` : ''} | ${fmt(r.encryptedMs)} | ${fmt(r.plainMs)} | ${ratio} |`;
    }),
    '',
    `Peak resident memory of the benchmark process: ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB.`,
    '',
  ];
  const markdown = lines.join('\n');
  const dir = join(__dirname, 'results');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'latest.md'), markdown);
  writeFileSync(join(dir, 'latest.json'), `${JSON.stringify({ machine, at: new Date().toISOString(), results }, null, 2)}\n`);
  process.stdout.write(`${markdown}\nWritten to bench/results/latest.md and latest.json\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
