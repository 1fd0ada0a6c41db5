import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, getCase } from '../../electron/services/cases/cases.service';
import { listCaseHistory, verifyAuditChain } from '../../electron/services/audit/audit.service';
import * as consentsService from '../../electron/services/consents/consents.service';
import { createConsent, findValidConsent, listConsents, withdrawConsent } from '../../electron/services/consents/consents.service';
import type { RecordContext } from '../../electron/services/records/context';
import { consentDto } from '../../shared/domain/records';
import { PURPOSES } from '../../shared/purposes';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const TODAY = '2026-11-28';
/** The caseworker on a given day of their local calendar. */
const on = (ctx: RecordContext, day: string, time = '10:00:00'): RecordContext => ({ ...ctx, now: () => new Date(`${day}T${time}`) });
const at = (ctx: RecordContext, instant: Date): RecordContext => ({ ...ctx, now: () => instant });

type ConsentFields = Parameters<typeof createConsent>[1]['consent'];
/** A CCF deletion consent; for another recipient type, that type's general purpose unless purposes are given. */
const ccfConsent = (overrides: Partial<ConsentFields> = {}): ConsentFields => ({
  recipientType: 'interpol_ccf',
  recipientOrg: '',
  purposeDetail: 'Request deletion of the red notice',
  scopeIdentity: 'named',
  scopeEvidence: true,
  obtainedHow: 'written',
  givenOn: '2026-11-02',
  expiresOn: null,
  ...overrides,
  purposeIds: overrides.purposeIds ?? [overrides.recipientType ? PURPOSES.generalFor(overrides.recipientType).id : 'interpol_ccf.deletion'],
});

describe('consent', () => {
  it('a caseworker records written consent for the CCF: it is valid, recorded by them, audited, and listed newest first', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const day = on(t.ctx, TODAY);
    const older = await createConsent(day, { caseId: created.id, consent: ccfConsent({ givenOn: '2026-06-01', recipientType: 'police', recipientOrg: 'Metropolitan Police', purposeDetail: 'Report' }) });
    const consent = await createConsent(day, { caseId: created.id, consent: ccfConsent({ expiresOn: '2027-11-02' }) });
    expect(consentDto.safeParse(consent).success).toBe(true);
    expect(consent).toMatchObject({ state: 'valid', recordedBy: 'Mariam Test', scopeEvidence: true, withdrawnOn: null, withdrawalNote: '', version: 1 });

    expect((await listConsents(t.vault.db, created.id, TODAY)).map((c) => c.id)).toEqual([consent.id, older.id]);
    const [latest] = await listCaseHistory(t.vault.db, created.id);
    expect(latest).toMatchObject({ action: 'create', entity: 'consent', entityId: consent.id, actor: 'Mariam Test' });
    expect(latest!.changes).toContainEqual({ field: 'scopeIdentity', from: null, to: 'named' });
    expect(latest!.changes).toContainEqual({ field: 'recordedBy', from: null, to: 'Mariam Test' });
    expect(await findValidConsent(t.vault.db, { caseId: created.id, recipientType: 'interpol_ccf', recipientOrg: 'CCF' }, TODAY)).toMatchObject({ id: consent.id });
  });

  it('a withdrawn consent no longer counts as valid; an expired one neither', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const day = on(t.ctx, TODAY);
    const police = { caseId: created.id, recipientType: 'police' as const, recipientOrg: 'Metropolitan Police' };

    const expiring = await createConsent(day, { caseId: created.id, consent: ccfConsent({ recipientType: 'police', expiresOn: '2026-11-27' }) });
    expect(expiring.state).toBe('expired');
    expect(await findValidConsent(t.vault.db, police, TODAY)).toBeNull();
    // The expiry day itself is still covered.
    expect((await listConsents(t.vault.db, created.id, '2026-11-27'))[0]!.state).toBe('valid');
    expect(await findValidConsent(t.vault.db, police, '2026-11-27')).toMatchObject({ id: expiring.id });

    const current = await createConsent(day, { caseId: created.id, consent: ccfConsent({ recipientType: 'police', givenOn: TODAY }) });
    expect(await findValidConsent(t.vault.db, police, TODAY)).toMatchObject({ id: current.id, state: 'valid' });

    const withdrawn = await withdrawConsent(day, { id: current.id, version: 1, withdrawnOn: TODAY, note: 'Client fears for her brother' });
    expect(withdrawn).toMatchObject({ state: 'withdrawn', withdrawnOn: TODAY, withdrawalNote: 'Client fears for her brother', version: 2 });
    expect(await findValidConsent(t.vault.db, police, TODAY)).toBeNull();
    // History matters: the withdrawn consent is still listed.
    expect((await listConsents(t.vault.db, created.id, TODAY)).map((c) => c.state)).toEqual(['withdrawn', 'expired']);

    const [latest] = await listCaseHistory(t.vault.db, created.id);
    expect(latest).toMatchObject({ action: 'withdraw', entity: 'consent', entityId: current.id });
    expect(latest!.changes).toEqual([
      { field: 'withdrawnOn', from: null, to: TODAY },
      { field: 'withdrawalNote', from: '', to: 'Client fears for her brother' },
    ]);
  });

  it('a consent counts for its recipient type, for the named organisation only when one is named, and for the purposes it covers', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const other = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
    const day = on(t.ctx, TODAY);
    const met = await createConsent(day, {
      caseId: created.id,
      consent: ccfConsent({
        recipientType: 'police',
        recipientOrg: 'Metropolitan Police',
        purposeIds: ['police.criminal_complaint', 'police.threat_assessment'],
        purposeDetail: 'Report the  visits',
        scopeIdentity: 'pseudonymised',
      }),
    });
    const find = (q: Partial<Parameters<typeof findValidConsent>[1]>) =>
      findValidConsent(t.vault.db, { caseId: created.id, recipientType: 'police', ...q }, TODAY);

    expect(await find({ recipientOrg: 'metropolitan  police' })).toMatchObject({ id: met.id, scopeIdentity: 'pseudonymised' });
    expect(await find({ recipientOrg: 'Metropolitan Police', purposeId: 'police.criminal_complaint' })).toMatchObject({ id: met.id });
    expect(await find({ recipientOrg: 'Metropolitan Police', purposeId: 'police.threat_assessment' })).toMatchObject({ id: met.id });
    expect(await find({ recipientOrg: 'Metropolitan Police', purposeId: 'police.investigation_information' })).toBeNull();
    expect(await find({ recipientOrg: 'Berlin Police' })).toBeNull();
    expect(await find({})).toBeNull();
    expect(await find({ recipientType: 'ngo', recipientOrg: 'Metropolitan Police' })).toBeNull();
    expect(await find({ caseId: other.id, recipientOrg: 'Metropolitan Police' })).toBeNull();

    // A consent for any police force covers Berlin too, but the named one is preferred where it applies.
    const anyPolice = await createConsent(day, { caseId: created.id, consent: ccfConsent({ recipientType: 'police', purposeIds: ['police.criminal_complaint'], givenOn: TODAY }) });
    expect(await find({ recipientOrg: 'Berlin Police' })).toMatchObject({ id: anyPolice.id });
    expect(await find({})).toMatchObject({ id: anyPolice.id });
    expect(await find({ recipientOrg: 'Metropolitan Police' })).toMatchObject({ id: met.id });
  });

  it('a consent covers only purposes of its own recipient type, each once', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const day = on(t.ctx, TODAY);
    await expect(createConsent(day, { caseId: created.id, consent: ccfConsent({ recipientType: 'police', purposeIds: ['interpol_ccf.deletion'] }) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('“Criminal complaint”'),
    });
    const twice = await createConsent(day, { caseId: created.id, consent: ccfConsent({ purposeIds: ['interpol_ccf.deletion', 'interpol_ccf.access', 'interpol_ccf.deletion'] }) });
    expect(twice.purposeIds).toEqual(['interpol_ccf.deletion', 'interpol_ccf.access']);
  });

  it('"today" is the caseworker\'s own calendar day: consent given this morning east of UTC is not "in the future"', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const zone = process.env.TZ;
    process.env.TZ = 'Asia/Shanghai';
    try {
      // 07:00 on 28 November in Shanghai is still 27 November in UTC.
      const morning = at(t.ctx, new Date('2026-11-27T23:00:00Z'));
      const consent = await createConsent(morning, { caseId: created.id, consent: ccfConsent({ givenOn: TODAY }) });
      expect(consent.state).toBe('valid');
      await expect(withdrawConsent(morning, { id: consent.id, version: 1, withdrawnOn: TODAY, note: '' })).resolves.toMatchObject({ withdrawnOn: TODAY });
    } finally {
      if (zone === undefined) delete process.env.TZ;
      else process.env.TZ = zone;
    }
  });

  it('dates must make sense: not given in the future, no expiry before it was given, no withdrawal before it was given', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const day = on(t.ctx, TODAY);
    await expect(createConsent(day, { caseId: created.id, consent: ccfConsent({ givenOn: '2026-11-29' }) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('future'),
    });
    await expect(createConsent(day, { caseId: created.id, consent: ccfConsent({ expiresOn: '2026-11-01' }) })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('on or after 2026-11-02'),
    });
    await expect(createConsent(day, { caseId: randomUUID(), consent: ccfConsent() })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect(await listConsents(t.vault.db, created.id, TODAY)).toEqual([]);

    const consent = await createConsent(day, { caseId: created.id, consent: ccfConsent() });
    await expect(withdrawConsent(day, { id: consent.id, version: 1, withdrawnOn: '2026-11-01', note: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(withdrawConsent(day, { id: consent.id, version: 1, withdrawnOn: '2026-12-01', note: '' })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a consent can be withdrawn once; a second withdrawal is refused and a stale one is a CONFLICT', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const day = on(t.ctx, TODAY);
    const consent = await createConsent(day, { caseId: created.id, consent: ccfConsent() });
    await withdrawConsent(on(t.as('Jonas'), TODAY), { id: consent.id, version: 1, withdrawnOn: '2026-11-20', note: 'By phone' });
    await expect(withdrawConsent(day, { id: consent.id, version: 1, withdrawnOn: TODAY, note: 'Again' })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Jonas'),
    });
    await expect(withdrawConsent(day, { id: consent.id, version: 2, withdrawnOn: TODAY, note: 'Again' })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('already withdrawn on 2026-11-20'),
    });
    expect((await listConsents(t.vault.db, created.id, TODAY))[0]).toMatchObject({ withdrawnOn: '2026-11-20', withdrawalNote: 'By phone', version: 2 });
  });

  it('consent records are never deleted, every change is audited, the case shows as updated, and the chain verifies', async () => {
    expect(Object.keys(consentsService).filter((name) => /delete|remove/i.test(name))).toEqual([]);
    const created = await createCase(on(t.ctx, '2026-11-01'), { client: { legalName: 'Aziz Tursun' } });
    const day = on(t.ctx, TODAY);
    const consent = await createConsent(day, { caseId: created.id, consent: ccfConsent() });
    const later = on(t.ctx, TODAY, '16:45:00');
    await withdrawConsent(later, { id: consent.id, version: 1, withdrawnOn: TODAY, note: '' });
    const history = (await listCaseHistory(t.vault.db, created.id)).filter((h) => h.entity === 'consent');
    expect(history.map((h) => h.action)).toEqual(['withdraw', 'create']);
    const caseNow = await getCase(t.vault.db, created.id);
    expect(caseNow.version).toBe(created.version);
    expect(caseNow.updatedAt).toBe(later.now().toISOString());
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: true, entries: 4 });
  });
});
