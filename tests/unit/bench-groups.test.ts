import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BENCH_GROUPS, parseBenchOnly } from '../../bench/groups';

describe('BENCH_ONLY, to run a subset of npm run bench', () => {
  it('runs every group when unset or empty', () => {
    expect([...parseBenchOnly(undefined)]).toEqual([...BENCH_GROUPS]);
    expect([...parseBenchOnly(' , ')]).toEqual([...BENCH_GROUPS]);
  });

  it('runs only the groups named, spaces allowed', () => {
    expect([...parseBenchOnly('search, packet-preview')].sort()).toEqual(['packet-preview', 'search']);
  });

  it('refuses a misspelt group instead of running nothing', () => {
    expect(() => parseBenchOnly('search,serach')).toThrow(/unknown group "serach".*Groups: unlock, sqlite/);
  });

  it('guards every section of bench/run.ts, and the README lists every group', () => {
    const run = readFileSync(fileURLToPath(new URL('../../bench/run.ts', import.meta.url)), 'utf8');
    const readme = readFileSync(fileURLToPath(new URL('../../README.md', import.meta.url)), 'utf8');
    for (const group of BENCH_GROUPS) {
      expect(run, group).toContain(`only.has('${group}')`);
      expect(readme, group).toContain(`\`${group}\``);
    }
  });
});
