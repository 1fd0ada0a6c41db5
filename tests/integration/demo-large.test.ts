import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { generateLargeDemo, LARGE_DEMO_SHAPE } from '../../electron/services/demo/demo-large';
import { verifyAuditChain } from '../../electron/services/audit/audit.service';
import { searchVault } from '../../electron/services/search/search.service';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const count = (table: string) => (t.vault.raw.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('large demo (scaled down to 200 cases)', () => {
  it('writes cases with proportionate records, one import audit entry per case and a valid chain, and everything is searchable', async () => {
    const summary = await generateLargeDemo(t.vault.raw, t.vault.db, { cases: 200, today: '2026-11-28', batch: 64 });
    expect(summary.cases).toBe(200);
    expect(count('case_file')).toBe(200);
    expect(count('client')).toBe(200);
    expect(count('threat')).toBe(200 * LARGE_DEMO_SHAPE.threatsPerCase);
    expect(count('contact')).toBe(200 * LARGE_DEMO_SHAPE.contactsPerCase);
    expect(count('case_contact')).toBe(200 * LARGE_DEMO_SHAPE.contactsPerCase);
    expect(count('task')).toBe(200);
    expect(count('note')).toBe(200);
    expect(count('referral')).toBe(summary.referrals);
    expect(summary.referrals).toBeGreaterThan(120);
    expect(summary.referrals).toBeLessThan(180);
    expect(count('audit_entry')).toBe(200);
    expect(await verifyAuditChain(t.vault.db)).toEqual({ ok: true, entries: 200, firstBrokenSeq: null, problem: null });
    // Every record is in the search index (the triggers ran for the bulk writes).
    expect(count('search_doc')).toBe(200 * (2 + LARGE_DEMO_SHAPE.threatsPerCase + LARGE_DEMO_SHAPE.contactsPerCase + LARGE_DEMO_SHAPE.notesPerCase) + summary.referrals);
    const names = t.vault.raw.prepare(`SELECT original_names FROM client WHERE original_names != '[]'`).all() as Array<{ original_names: string }>;
    const scripts = names.map((n) => (JSON.parse(n.original_names) as string[])[0]!);
    expect(scripts.some((s) => /\p{Script=Han}/u.test(s))).toBe(true);
    expect(scripts.some((s) => /\p{Script=Arabic}/u.test(s))).toBe(true);
    expect(scripts.some((s) => /\p{Script=Cyrillic}/u.test(s))).toBe(true);
    const chinese = scripts.find((s) => /\p{Script=Han}/u.test(s))!;
    const found = await searchVault(t.vault.db, chinese.slice(1), 50);
    expect(found.groups.flatMap((g) => g.hits).length).toBeGreaterThan(0);
  });

  it('is deterministic for a seed', async () => {
    await generateLargeDemo(t.vault.raw, t.vault.db, { cases: 20, today: '2026-11-28', seed: 7 });
    const first = t.vault.raw.prepare('SELECT case_file.id, code, legal_name FROM case_file JOIN client ON client.case_id = case_file.id ORDER BY code').all();
    const other = await openTestVault();
    try {
      await generateLargeDemo(other.vault.raw, other.vault.db, { cases: 20, today: '2026-11-28', seed: 7 });
      expect(other.vault.raw.prepare('SELECT case_file.id, code, legal_name FROM case_file JOIN client ON client.case_id = case_file.id ORDER BY code').all()).toEqual(first);
    } finally {
      other.close();
    }
  });
});
