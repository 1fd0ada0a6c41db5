import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, eraseCase, getCase, listCases, setArchived, updateCase, updateClient } from '../../electron/services/cases/cases.service';
import { listCaseHistory, verifyAuditChain } from '../../electron/services/audit/audit.service';
import { UNNAMED_CASEWORKER } from '../../electron/services/records/context';
import { encodingsOf, makeCanaries } from '../support/temp';
import { decryptedBytes, openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const containsAny = (bytes: Buffer, texts: string[]) => texts.flatMap(encodingsOf).some((p) => bytes.includes(p));

describe('cases', () => {
  it('a caseworker takes in a client: the case gets a code, the risk history starts, and the intake is audited', async () => {
    const created = await createCase(t.ctx, {
      client: { legalName: 'Aziz Tursun', originalNames: ['ئەزىز تۇرسۇن'], aliases: ['Aziz T.'] },
      case: { riskLevel: 'high', summary: 'Family in Kashgar questioned twice.' },
    });
    expect(created.code).toMatch(/^CK-\d{4}-0001$/);
    expect(created.status).toBe('intake');
    expect(created.assignedTo).toBe('Mariam Test');
    expect(created.client.originalNames).toEqual(['ئەزىز تۇرسۇن']);
    expect(created.riskHistory).toHaveLength(1);
    const second = await createCase(t.ctx, { client: { legalName: 'Second' } });
    expect(second.code).toMatch(/-0002$/);
    const history = await listCaseHistory(t.vault.db, created.id);
    expect(history.map((h) => `${h.action} ${h.entity}`)).toEqual(['create client', 'create case']);
    expect(history[0]!.actor).toBe('Mariam Test');
  });

  it('raising the risk level records a dated entry with the reason and a field-level audit diff', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
    const updated = await updateCase(t.ctx, { id: created.id, version: created.version, patch: { riskLevel: 'critical' }, riskReason: 'Red notice issued' });
    expect(updated.version).toBe(2);
    expect(updated.riskLevel).toBe('critical');
    expect(updated.riskHistory[0]).toMatchObject({ riskLevel: 'critical', reason: 'Red notice issued', changedBy: 'Mariam Test' });
    const [latest] = await listCaseHistory(t.vault.db, created.id);
    expect(latest!.changes).toEqual([{ field: 'riskLevel', from: 'medium', to: 'critical' }]);
  });

  it('an edit based on a stale version is refused with CONFLICT naming who changed it; nothing is overwritten', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
    await updateCase(t.as('Jonas'), { id: created.id, version: 1, patch: { summary: 'Jonas wrote this' } });
    await expect(updateCase(t.ctx, { id: created.id, version: 1, patch: { summary: 'Mariam wrote this' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Jonas'),
    });
    expect((await getCase(t.vault.db, created.id)).summary).toBe('Jonas wrote this');
  });

  it('client names in any script store, list and sort; type-ahead finds code, names, original script and aliases', async () => {
    await createCase(t.ctx, { client: { legalName: 'Zhang Min', originalNames: ['张敏'] } });
    await createCase(t.ctx, { client: { legalName: 'Ömer Yılmaz' } });
    await createCase(t.ctx, { client: { legalName: 'anna Petrova', originalNames: ['Анна Петрова'], aliases: ['Anya'] } });
    await createCase(t.ctx, { client: { legalName: 'Tenzin Dolma', originalNames: ['བསྟན་འཛིན་སྒྲོལ་མ'] } });
    const sorted = await listCases(t.vault.db, { sort: 'client', direction: 'asc' });
    expect(sorted.items.map((c) => c.clientName)).toEqual(['anna Petrova', 'Ömer Yılmaz', 'Tenzin Dolma', 'Zhang Min']);
    expect((await listCases(t.vault.db, { text: '张' })).items.map((c) => c.clientName)).toEqual(['Zhang Min']);
    expect((await listCases(t.vault.db, { text: 'Петр' })).items.map((c) => c.clientName)).toEqual(['anna Petrova']);
    expect((await listCases(t.vault.db, { text: 'anya' })).items.map((c) => c.clientName)).toEqual(['anna Petrova']);
    expect((await listCases(t.vault.db, { text: 'སྒྲོལ' })).items.map((c) => c.clientName)).toEqual(['Tenzin Dolma']);
    expect((await listCases(t.vault.db, { text: '0002' })).items.map((c) => c.clientName)).toEqual(['Ömer Yılmaz']);
    expect((await listCases(t.vault.db, { text: '100%_' })).total).toBe(0);
  });

  it('filters by status and risk, pages, and hides archived cases until restored', async () => {
    for (let i = 0; i < 12; i += 1) await createCase(t.ctx, { client: { legalName: `Client ${i}` }, case: { riskLevel: i % 2 ? 'high' : 'low' } });
    const high = await listCases(t.vault.db, { riskLevels: ['high'], limit: 4, offset: 0, sort: 'code', direction: 'asc' });
    expect(high.total).toBe(6);
    expect(high.items).toHaveLength(4);
    const target = high.items[0]!;
    const full = await getCase(t.vault.db, target.id);
    const archived = await setArchived(t.ctx, { id: full.id, version: full.version }, true);
    expect((await listCases(t.vault.db, { riskLevels: ['high'] })).total).toBe(5);
    expect((await listCases(t.vault.db, { archived: 'only' })).items.map((c) => c.id)).toEqual([target.id]);
    await setArchived(t.ctx, { id: archived.id, version: archived.version }, false);
    expect((await listCases(t.vault.db, { riskLevels: ['high'] })).total).toBe(6);
  });

  it('client details are edited with their own version and audited', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
    const updated = await updateClient(t.ctx, { id: created.client.id, version: 1, patch: { nationality: 'China', languages: ['Mandarin', 'Uyghur'] } });
    expect(updated.client).toMatchObject({ nationality: 'China', languages: ['Mandarin', 'Uyghur'], version: 2 });
    await expect(updateClient(t.ctx, { id: created.client.id, version: 1, patch: { nationality: 'X' } })).rejects.toMatchObject({ code: 'CONFLICT' });
  });
});

describe('erasing a case', () => {
  it('removes the case so that nothing of it can be recovered from the vault file, and the audit keeps only the erasure', async () => {
    const { latin, chinese } = makeCanaries();
    const kept = await createCase(t.ctx, { client: { legalName: 'Kept Client' } });
    const doomed = await createCase(t.ctx, { client: { legalName: latin, originalNames: [chinese] }, case: { summary: `About ${latin}` } });
    await updateCase(t.ctx, { id: doomed.id, version: 1, patch: { summary: `Still about ${chinese}` } });
    // Control: before erasure the canaries are visible in the decrypted pages.
    expect(containsAny(decryptedBytes(t.vault), [latin, chinese])).toBe(true);

    await expect(eraseCase(t.ctx, { id: doomed.id, confirmCode: 'CK-0000-0000' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await eraseCase(t.ctx, { id: doomed.id, confirmCode: doomed.code.toLowerCase() });

    await expect(getCase(t.vault.db, doomed.id)).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await getCase(t.vault.db, kept.id)).client.legalName).toBe('Kept Client');
    expect(containsAny(decryptedBytes(t.vault), [latin, chinese])).toBe(false);
    const history = await listCaseHistory(t.vault.db, doomed.id);
    expect(history.every((h) => h.changes === null)).toBe(true);
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: true });
  });
});

describe('audit chain', () => {
  it('altering or removing an entry is detected at the first broken entry', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
    await updateCase(t.ctx, { id: created.id, version: 1, patch: { summary: 'one' } });
    await updateCase(t.ctx, { id: created.id, version: 2, patch: { summary: 'two' } });
    expect(await verifyAuditChain(t.vault.db)).toEqual({ ok: true, entries: 4, firstBrokenSeq: null, problem: null });

    // The triggers refuse edits through SQL…
    expect(() => t.vault.raw.prepare("UPDATE audit_entry SET actor = 'Mallory' WHERE seq = 3").run()).toThrow(/append-only/);
    expect(() => t.vault.raw.prepare('DELETE FROM audit_entry WHERE seq = 2').run()).toThrow(/append-only/);
    // …and someone who drops them to tamper is still caught.
    t.vault.raw.exec('DROP TRIGGER audit_entry_no_update; DROP TRIGGER audit_entry_redact_only; DROP TRIGGER audit_entry_no_delete');
    t.vault.raw.prepare("UPDATE audit_entry SET diff = replace(diff, 'one', 'ONE') WHERE seq = 3").run();
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: false, firstBrokenSeq: 3 });
    t.vault.raw.prepare("UPDATE audit_entry SET diff = replace(diff, 'ONE', 'one') WHERE seq = 3").run();
    t.vault.raw.prepare('DELETE FROM audit_entry WHERE seq = 2').run();
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });
});

describe('before a caseworker name is set', () => {
  it('a new case is unassigned rather than assigned to a placeholder name', async () => {
    const created = await createCase(t.as(UNNAMED_CASEWORKER), { client: { legalName: 'Li Wei' } });
    expect(created.assignedTo).toBe('');
    expect((await listCaseHistory(t.vault.db, created.id))[0]!.actor).toBe(UNNAMED_CASEWORKER);
  });
});
