/**
 * `BENCH_ONLY=search,backup npm run bench` runs a subset of the benchmarks.
 * One group per section of bench/run.ts; keep the README's Performance section in step.
 */
export const BENCH_GROUPS = [
  'unlock', // Argon2id calibration and unlock
  'sqlite', // the same insert/select/update workload, encrypted and plain
  'records', // a case page, threats through the service, the cases list
  'import', // an export file imported in one transaction
  'search', // the large demo: search, screens (dashboard, cases list, reports), peak memory
  'backup', // backup, preview and restore of a large vault
  'packet-export', // a referral packet with photos
  'packet-preview', // the builder's preview with identity-aware scrubbing
] as const;

export type BenchGroup = (typeof BENCH_GROUPS)[number];

/** The groups to run: all when BENCH_ONLY is unset or empty; an unknown name is an error, not a silent no-op. */
export function parseBenchOnly(raw: string | undefined): ReadonlySet<BenchGroup> {
  const names = (raw ?? '')
    .split(',')
    .map((name) => name.trim())
    .filter((name) => name !== '');
  if (names.length === 0) return new Set(BENCH_GROUPS);
  const unknown = names.filter((name) => !(BENCH_GROUPS as readonly string[]).includes(name));
  if (unknown.length > 0) {
    throw new Error(`BENCH_ONLY: unknown group ${unknown.map((name) => `"${name}"`).join(', ')}. Groups: ${BENCH_GROUPS.join(', ')}.`);
  }
  return new Set(names as BenchGroup[]);
}
