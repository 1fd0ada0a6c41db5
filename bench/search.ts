import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { createKysely, openRawDatabase, type RawDatabase, type VaultDb } from '../electron/db/connection';
import { migrateToLatest } from '../electron/db/migrate';
import { generateLargeDemo } from '../electron/services/demo/demo-large';
import { searchVault } from '../electron/services/search/search.service';
import { getDashboard } from '../electron/services/dashboard/dashboard.service';
import { listCases } from '../electron/services/cases/cases.service';
import { getReport } from '../electron/services/reports/reports.service';
import { FLAVOURS } from './records';

/**
 * Search on the large demo: the same rows (same seed) generated into an
 * encrypted vault database and a plain SQLite copy, then ~200 queries mixing
 * Latin (2–8 letters), CJK (2–3 characters) and Arabic-script terms.
 */
export interface SearchBench {
  cases: number;
  generateMs: { encrypted: number; plain: number };
  sizeMiB: { encrypted: number; plain: number };
  latin: Percentiles;
  cjk: Percentiles;
  arabic: Percentiles;
  all: Percentiles;
  /** Medians of 5, at the same size: what a caseworker waits for on opening each screen. */
  screens: Record<'dashboard' | 'caseListFirstPage' | 'report', { encrypted: number; plain: number }>;
}
export interface Percentiles {
  encrypted: { p50: number; p95: number };
  plain: { p50: number; p95: number };
}

const LATIN = ['li', 'wa', 'omer', 'OMER', 'tursun', 'zhang', 'chen', 'Ayşe', 'celik', 'police', 'passport', 'family', 'Kashgar', 'Rotterdam', 'nazarov', 'gulnar', 'REF-2024', 'CK-2025', '900', 'example', 'wechat', 'consulate', 'rustam', 'müller'];
const CJK = ['秀英', '王秀', '林', '张伟', '陈明', '李娜', '黄丽', '秀', '芳芳', '周杰', '马超', '警察', '回国', '孙静', '刘洋'];
const ARABIC = ['ئەركىن', 'تۇرسۇن', 'گۈلنار', 'قادىر', 'ئايگۈ', 'مۇھەم', 'ساقچى', 'پاتى'];

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function build(open: (file: string) => RawDatabase, file: string, cases: number): Promise<{ raw: RawDatabase; db: VaultDb; ms: number }> {
  const raw = open(file);
  const db = createKysely(raw);
  await migrateToLatest(db);
  const started = performance.now();
  await generateLargeDemo(raw, db, { cases, seed: 42, today: '2026-11-28', actor: 'Bench' });
  raw.pragma('wal_checkpoint(TRUNCATE)');
  return { raw, db, ms: performance.now() - started };
}

async function medianMs(work: () => Promise<unknown>, runs = 5): Promise<number> {
  await work(); // warm the page cache, as a screen opened a second time would be
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  return percentile(times, 50);
}

async function timeQueries(db: VaultDb, queries: string[]): Promise<number[]> {
  for (const q of queries.slice(0, 10)) await searchVault(db, q, 8); // warm the page cache
  const times: number[] = [];
  for (const q of queries) {
    const started = performance.now();
    await searchVault(db, q, 8);
    times.push(performance.now() - started);
  }
  return times;
}

export async function benchSearch(dir: string, cases: number): Promise<SearchBench> {
  const { statSync, rmSync } = await import('node:fs');
  const encFile = join(dir, 'search-encrypted.db');
  const plainFile = join(dir, 'search-plain.db');
  const enc = await build((f) => openRawDatabase(f, randomBytes(32), { create: true }), encFile, cases);
  const plain = await build(FLAVOURS[1]!.open, plainFile, cases);
  try {
    const mix = { latin: [] as string[], cjk: [] as string[], arabic: [] as string[] };
    for (let i = 0; i < 100; i += 1) mix.latin.push(LATIN[i % LATIN.length]!);
    for (let i = 0; i < 60; i += 1) mix.cjk.push(CJK[i % CJK.length]!);
    for (let i = 0; i < 40; i += 1) mix.arabic.push(ARABIC[i % ARABIC.length]!);
    const result = {} as Record<'latin' | 'cjk' | 'arabic' | 'all', Percentiles>;
    const all = { encrypted: [] as number[], plain: [] as number[] };
    for (const key of ['latin', 'cjk', 'arabic'] as const) {
      const e = await timeQueries(enc.db, mix[key]);
      const p = await timeQueries(plain.db, mix[key]);
      all.encrypted.push(...e);
      all.plain.push(...p);
      result[key] = { encrypted: { p50: percentile(e, 50), p95: percentile(e, 95) }, plain: { p50: percentile(p, 50), p95: percentile(p, 95) } };
    }
    result.all = {
      encrypted: { p50: percentile(all.encrypted, 50), p95: percentile(all.encrypted, 95) },
      plain: { p50: percentile(all.plain, 50), p95: percentile(all.plain, 95) },
    };
    const screens = {} as SearchBench['screens'];
    const settings = { autoLockMinutes: 10, caseworkerName: '', referralWaitDays: 30 };
    const screenWork = {
      dashboard: (db: VaultDb) => getDashboard(db, '2026-11-28', settings),
      caseListFirstPage: (db: VaultDb) => listCases(db, { limit: 100 }),
      report: (db: VaultDb) => getReport(db, {}),
    };
    for (const [key, work] of Object.entries(screenWork) as Array<[keyof SearchBench['screens'], (db: VaultDb) => Promise<unknown>]>) {
      screens[key] = { encrypted: await medianMs(() => work(enc.db)), plain: await medianMs(() => work(plain.db)) };
    }
    return {
      cases,
      screens,
      generateMs: { encrypted: enc.ms, plain: plain.ms },
      sizeMiB: { encrypted: statSync(encFile).size / 1024 ** 2, plain: statSync(plainFile).size / 1024 ** 2 },
      ...result,
    };
  } finally {
    enc.raw.close();
    plain.raw.close();
    rmSync(encFile, { force: true });
    rmSync(plainFile, { force: true });
  }
}
