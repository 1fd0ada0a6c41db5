import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { threatDto, type ThreatFields } from '../../shared/domain/records';
import { createCase, getCase } from '../../electron/services/cases/cases.service';
import { createContactForCase } from '../../electron/services/contacts/contacts.service';
import { addEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { createThreat, deleteThreat, listThreats, updateThreat } from '../../electron/services/threats/threats.service';
import { listCaseHistory, verifyAuditChain } from '../../electron/services/audit/audit.service';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const MISSING = '00000000-0000-4000-8000-000000000000';

function redNotice(extra: Partial<ThreatFields> = {}): ThreatFields {
  return {
    tacticId: 'co_opting_state.interpol_red_notice',
    tacticOther: '',
    datePrecision: 'month',
    occurredFrom: '2026-03-01',
    occurredTo: null,
    country: 'Turkey',
    city: 'Istanbul',
    channel: 'official_letter',
    targetContactId: null,
    perpetratorIds: [],
    evidenceIds: [],
    description: 'Lawyer learned of a red notice when the client was stopped at the airport.',
    severity: 5,
    verification: 'verified',
    ...extra,
  };
}

async function caseWithPeople(name = 'Li Wei') {
  const kase = await createCase(t.ctx, { client: { legalName: name } });
  const agent = await createContactForCase(t.ctx, { caseId: kase.id, role: 'perpetrator', contact: { name: `Agent of ${name}` } });
  const father = await createContactForCase(t.ctx, { caseId: kase.id, role: 'family_home', relationship: 'father', contact: { name: `Father of ${name}` } });
  return { kase, agent, father };
}

describe('threats', () => {
  it('a caseworker records a red notice with its perpetrator, target and evidence; it is audited field by field', async () => {
    const { kase, agent, father } = await caseWithPeople();
    const letter = await addEvidenceBytes(t.ctx, {
      caseId: kase.id,
      evidence: { fileName: 'notice.pdf', mediaType: 'application/pdf', collectedAt: '2026-03-05T10:00:00Z', collectedHow: 'e-mail from lawyer', collectedBy: '', collectedFrom: 'Lawyer', description: '' },
      data: Buffer.from('%PDF-1.7 fictional'),
    });
    const caseBefore = await getCase(t.vault.db, kase.id);
    const later = { ...t.ctx, now: () => new Date('2026-11-28T09:30:00.000Z') };
    const threat = await createThreat(later, {
      caseId: kase.id,
      threat: redNotice({ perpetratorIds: [agent.id, agent.id], targetContactId: father.id, evidenceIds: [letter.id] }),
    });
    expect(threatDto.parse(threat)).toEqual(threat);
    expect(threat).toMatchObject({ caseId: kase.id, version: 1, perpetratorIds: [agent.id], targetContactId: father.id, evidenceIds: [letter.id], severity: 5 });
    expect((await listThreats(t.vault.db, kase.id))[0]).toEqual(threat);

    const [entry] = await listCaseHistory(t.vault.db, kase.id);
    expect(entry).toMatchObject({ action: 'create', entity: 'threat', entityId: threat.id, actor: 'Mariam Test' });
    expect(entry!.changes).toContainEqual({ field: 'tacticId', from: null, to: 'co_opting_state.interpol_red_notice' });
    expect(entry!.changes).toContainEqual({ field: 'perpetratorIds', from: null, to: [agent.id] });
    const caseAfter = await getCase(t.vault.db, kase.id);
    expect(caseAfter.version).toBe(caseBefore.version);
    // The case shows recent activity, but its own version is untouched.
    expect(caseAfter.updatedAt).toBe('2026-11-28T09:30:00.000Z');
  });

  it('a red notice threat with a perpetrator from another case is refused, and nothing is stored', async () => {
    const { kase } = await caseWithPeople('Li Wei');
    const other = await caseWithPeople('Zhang Min');
    await expect(createThreat(t.ctx, { caseId: kase.id, threat: redNotice({ perpetratorIds: [other.agent.id] }) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('not a contact of this case'),
    });
    await expect(createThreat(t.ctx, { caseId: kase.id, threat: redNotice({ targetContactId: other.father.id }) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('targeted must be a contact of this case'),
    });
    expect(await listThreats(t.vault.db, kase.id)).toEqual([]);
  });

  it('evidence from another case cannot be linked', async () => {
    const { kase } = await caseWithPeople('Li Wei');
    const other = await caseWithPeople('Zhang Min');
    const foreign = await addEvidenceBytes(t.ctx, {
      caseId: other.kase.id,
      evidence: { fileName: 'x.txt', mediaType: 'text/plain', collectedAt: '2026-03-05T10:00:00Z', collectedHow: '', collectedBy: '', collectedFrom: '', description: '' },
      data: Buffer.from('other case'),
    });
    await expect(createThreat(t.ctx, { caseId: kase.id, threat: redNotice({ evidenceIds: [foreign.id] }) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('does not belong to this case'),
    });
  });

  it.each([
    ['a tactic outside the taxonomy', { tacticId: 'co_opting_state' }, 'threat taxonomy'],
    ['“other” without a description', { tacticId: 'other.other', tacticOther: '  ' }, 'needs a short description'],
    ['a range without an end', { datePrecision: 'range', occurredTo: null }, 'needs an end date'],
    ['a range that ends before it starts', { datePrecision: 'range', occurredFrom: '2026-03-10', occurredTo: '2026-03-01' }, 'before its start'],
    ['an exact date with an end date', { datePrecision: 'exact', occurredTo: '2026-03-02' }, 'Only a date range has an end date'],
    ['a date that does not exist', { occurredFrom: '2026-02-30' }, 'not a real calendar date'],
    ['a severity of 6', { severity: 6 }, 'severity'],
  ] as const)('%s is refused with a message the caseworker can act on', async (_label, patch, message) => {
    const { kase } = await caseWithPeople();
    await expect(createThreat(t.ctx, { caseId: kase.id, threat: redNotice(patch as Partial<ThreatFields>) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(message),
    });
  });

  it('“other” with a description, and a valid range, are accepted; the timeline lists the latest incident first', async () => {
    const { kase } = await caseWithPeople();
    const older = await createThreat(t.ctx, { caseId: kase.id, threat: redNotice({ occurredFrom: '2025-11-01' }) });
    const range = await createThreat(t.ctx, {
      caseId: kase.id,
      threat: redNotice({ tacticId: 'threats_from_distance.surveillance', datePrecision: 'range', occurredFrom: '2026-05-01', occurredTo: '2026-05-20' }),
    });
    const sameDayFirst = await createThreat(t.ctx, { caseId: kase.id, threat: redNotice({ tacticId: 'other.other', tacticOther: 'Bank called about “tax debt”', occurredFrom: '2026-06-01' }) });
    const sameDaySecond = await createThreat(t.ctx, { caseId: kase.id, threat: redNotice({ tacticId: 'direct_attack.stalking', occurredFrom: '2026-06-01' }) });
    expect((await listThreats(t.vault.db, kase.id)).map((x) => x.id)).toEqual([sameDaySecond.id, sameDayFirst.id, range.id, older.id]);
  });

  it('a threat for a case that does not exist is refused with NOT_FOUND', async () => {
    await expect(createThreat(t.ctx, { caseId: MISSING, threat: redNotice() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('an edit changes perpetrators and severity with a field-level diff; a stale edit is refused with CONFLICT', async () => {
    const { kase, agent } = await caseWithPeople();
    const second = await createContactForCase(t.ctx, { caseId: kase.id, role: 'informant', contact: { name: 'Informant' } });
    const created = await createThreat(t.ctx, { caseId: kase.id, threat: redNotice({ perpetratorIds: [agent.id] }) });
    const updated = await updateThreat(t.as('Jonas'), { id: created.id, version: 1, patch: { perpetratorIds: [second.id, agent.id], severity: 4 } });
    expect(updated).toMatchObject({ version: 2, severity: 4 });
    expect([...updated.perpetratorIds].sort()).toEqual([agent.id, second.id].sort());
    const [entry] = await listCaseHistory(t.vault.db, kase.id);
    expect(entry).toMatchObject({ action: 'update', entity: 'threat', actor: 'Jonas' });
    expect(entry!.changes!.map((c) => c.field).sort()).toEqual(['perpetratorIds', 'severity']);
    expect(entry!.changes).toContainEqual({ field: 'severity', from: 5, to: 4 });

    await expect(updateThreat(t.ctx, { id: created.id, version: 1, patch: { severity: 1 } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Jonas'),
    });
    // Switching to a range needs an end date in the same edit.
    await expect(updateThreat(t.ctx, { id: created.id, version: 2, patch: { datePrecision: 'range' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    expect((await listThreats(t.vault.db, kase.id))[0]).toMatchObject({ version: 2, severity: 4, datePrecision: 'month' });
  });

  it('a threat is deleted only with its current version, and the deletion is audited', async () => {
    const { kase } = await caseWithPeople();
    const created = await createThreat(t.ctx, { caseId: kase.id, threat: redNotice() });
    const edited = await updateThreat(t.ctx, { id: created.id, version: 1, patch: { description: 'More detail' } });
    await expect(deleteThreat(t.ctx, { id: created.id, version: 1 })).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(deleteThreat(t.ctx, { id: created.id, version: edited.version })).resolves.toEqual({ deleted: true });
    expect(await listThreats(t.vault.db, kase.id)).toEqual([]);
    await expect(updateThreat(t.ctx, { id: created.id, version: 2, patch: { severity: 1 } })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    const history = await listCaseHistory(t.vault.db, kase.id);
    expect(history.slice(0, 3).map((h) => `${h.action} ${h.entity}`)).toEqual(['delete threat', 'update threat', 'create threat']);
    expect(history[0]!.changes).toContainEqual({ field: 'description', from: 'More detail', to: null });
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: true });
  });
});
