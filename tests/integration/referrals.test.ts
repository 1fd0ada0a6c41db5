import { randomUUID } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, getCase } from '../../electron/services/cases/cases.service';
import { listCaseHistory, verifyAuditChain } from '../../electron/services/audit/audit.service';
import { createReferral, getReferral, listReferrals, updateReferral } from '../../electron/services/referrals/referrals.service';
import type { RecordContext } from '../../electron/services/records/context';
import { referralListPage } from '../../shared/domain/records';
import { openTestVault, type TestVault } from '../support/vault';

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault();
});
afterEach(() => t.close());

const TODAY = '2026-11-28';
/** The same caseworker on a given day and time of their local calendar. */
const on = (ctx: RecordContext, day: string, time = '10:00:00'): RecordContext => ({ ...ctx, now: () => new Date(`${day}T${time}`) });

/**
 * Threats are recorded straight into the vault so these stories do not
 * depend on the threats service, which is built separately.
 */
async function recordThreat(caseId: string): Promise<string> {
  const id = randomUUID();
  await t.vault.db
    .insertInto('threat')
    .values({
      id,
      case_id: caseId,
      tactic_id: 'interpol_red_notice',
      tactic_other: '',
      date_precision: 'exact',
      occurred_from: '2026-10-02',
      occurred_to: null,
      country: 'TR',
      city: '',
      channel: 'official_letter',
      target_contact_id: null,
      description: 'Red notice published',
      severity: 4,
      verification: 'verified',
      version: 1,
      created_at: '2026-10-03T09:00:00.000Z',
      updated_at: '2026-10-03T09:00:00.000Z',
    })
    .execute();
  return id;
}

describe('referrals', () => {
  it('a lawyer refers a case to the Interpol CCF with a follow-up date; overdue follow-ups list first', async () => {
    const aziz = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const li = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
    const lawyer = t.as('Lawyer Ines');
    const redNotice = await recordThreat(aziz.id);

    const ccf = await createReferral(on(lawyer, '2026-11-01', '09:00:00'), {
      caseId: aziz.id,
      referral: {
        recipientType: 'interpol_ccf',
        recipientOrg: 'Commission for the Control of INTERPOL’s Files',
        purposeId: 'interpol_ccf.deletion',
        purposeDetail: 'Request deletion of the red notice',
        status: 'sent',
        sentOn: '2026-11-01',
        followUpOn: '2026-11-20',
        threatIds: [redNotice],
      },
    });
    expect(ccf).toMatchObject({ caseCode: aziz.code, status: 'sent', sentOn: '2026-11-01', threatIds: [redNotice], version: 1, purposeId: 'interpol_ccf.deletion', consentId: null });

    const later = await createReferral(on(t.ctx, '2026-11-02'), {
      caseId: li.id,
      referral: { recipientType: 'police', recipientOrg: 'Metropolitan Police', followUpOn: '2026-12-05' },
    });
    const newestNoDate = await createReferral(on(t.ctx, '2026-11-05'), { caseId: li.id, referral: { recipientType: 'ngo', recipientOrg: 'Safeguard Defenders' } });
    const closedLongAgo = await createReferral(on(t.ctx, '2026-10-01'), {
      caseId: li.id,
      referral: { recipientType: 'unhcr', recipientOrg: 'UNHCR', status: 'closed', outcome: 'no_response', followUpOn: '2026-11-01' },
    });
    const draftOverdue = await createReferral(on(t.ctx, '2026-11-03'), {
      caseId: aziz.id,
      referral: { recipientType: 'asylum_authority', recipientOrg: 'Home Office', followUpOn: '2026-11-25' },
    });
    expect(later.status).toBe('draft');

    const page = await listReferrals(t.vault.db, {}, TODAY);
    expect(page.total).toBe(5);
    // What the IPC boundary will check on the way out: exactly the contract's fields.
    expect(referralListPage.safeParse(page).success).toBe(true);
    expect(page.items.map((r) => r.id)).toEqual([ccf.id, draftOverdue.id, closedLongAgo.id, later.id, newestNoDate.id]);
    expect(page.items.map((r) => r.followUpOverdue)).toEqual([true, true, false, false, false]);
    expect(page.items.map((r) => r.caseCode)).toEqual([aziz.code, aziz.code, li.code, li.code, li.code]);

    // The same referrals a week earlier: nothing is overdue yet, so follow-up order alone decides.
    const earlier = await listReferrals(t.vault.db, {}, '2026-11-10');
    expect(earlier.items.map((r) => r.id)).toEqual([closedLongAgo.id, ccf.id, draftOverdue.id, later.id, newestNoDate.id]);
    expect(earlier.items.every((r) => !r.followUpOverdue)).toBe(true);

    const second = await listReferrals(t.vault.db, { offset: 2, limit: 2 }, TODAY);
    expect(second).toMatchObject({ total: 5 });
    expect(second.items.map((r) => r.id)).toEqual([closedLongAgo.id, later.id]);

    const open = await listReferrals(t.vault.db, { statuses: ['draft', 'sent'] }, TODAY);
    expect(open.items.map((r) => r.id)).toEqual([ccf.id, draftOverdue.id, later.id, newestNoDate.id]);
    const azizOnly = await listReferrals(t.vault.db, { caseId: aziz.id }, TODAY);
    expect(azizOnly.items.map((r) => r.id)).toEqual([ccf.id, draftOverdue.id]);
    expect(azizOnly.items[0]!.threatIds).toEqual([redNotice]);
  });

  it('a referral can only link threats of its own case', async () => {
    const aziz = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const li = await createCase(t.ctx, { client: { legalName: 'Li Wei' } });
    const azizThreat = await recordThreat(aziz.id);
    const liThreat = await recordThreat(li.id);

    await expect(
      createReferral(t.ctx, { caseId: aziz.id, referral: { recipientType: 'police', recipientOrg: 'Police', threatIds: [azizThreat, liThreat] } }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('not part of this case') });
    expect((await listReferrals(t.vault.db, {}, TODAY)).total).toBe(0);

    const referral = await createReferral(t.ctx, { caseId: aziz.id, referral: { recipientType: 'police', recipientOrg: 'Police', threatIds: [azizThreat, azizThreat] } });
    expect(referral.threatIds).toEqual([azizThreat]);
    await expect(updateReferral(t.ctx, { id: referral.id, version: 1, patch: { threatIds: [liThreat] } })).rejects.toMatchObject({ code: 'VALIDATION' });
    const unlinked = await updateReferral(t.ctx, { id: referral.id, version: 1, patch: { threatIds: [] } });
    expect(unlinked).toMatchObject({ threatIds: [], version: 2 });
    await expect(createReferral(t.ctx, { caseId: randomUUID(), referral: { recipientType: 'police', recipientOrg: 'Police' } })).rejects.toMatchObject({
      code: 'NOT_FOUND',
    });
  });

  it('a referral cannot jump from draft to acknowledged; the message names the allowed next steps', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const draft = await createReferral(t.ctx, { caseId: created.id, referral: { recipientType: 'national_tnr_unit', recipientOrg: 'National TNR unit' } });
    await expect(updateReferral(t.ctx, { id: draft.id, version: 1, patch: { status: 'acknowledged' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: 'A draft referral can only move to ready or closed, not straight to acknowledged.',
    });
    const unchanged = await getReferral(t.vault.db, draft.id, TODAY);
    expect(unchanged).toMatchObject({ status: 'draft', version: 1 });

    const ready = await updateReferral(t.ctx, { id: draft.id, version: 1, patch: { status: 'ready' } });
    await expect(updateReferral(t.ctx, { id: draft.id, version: ready.version, patch: { status: 'in_progress' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('draft, sent or closed'),
    });
  });

  it('moving to sent stamps the sent date unless the lawyer gives one', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const today = on(t.ctx, TODAY);
    const first = await createReferral(today, { caseId: created.id, referral: { recipientType: 'interpol_ccf', recipientOrg: 'CCF' } });
    const ready = await updateReferral(today, { id: first.id, version: 1, patch: { status: 'ready' } });
    expect(ready.sentOn).toBeNull();
    const sent = await updateReferral(today, { id: first.id, version: ready.version, patch: { status: 'sent', referenceNumber: 'CCF/2026/118' } });
    expect(sent).toMatchObject({ status: 'sent', sentOn: TODAY, referenceNumber: 'CCF/2026/118', version: 3 });
    const [latest] = await listCaseHistory(t.vault.db, created.id);
    expect(latest).toMatchObject({ action: 'update', entity: 'referral', entityId: first.id });
    expect(latest!.changes).toEqual([
      { field: 'status', from: 'ready', to: 'sent' },
      { field: 'referenceNumber', from: '', to: 'CCF/2026/118' },
      { field: 'sentOn', from: null, to: TODAY },
    ]);

    const backdated = await createReferral(today, { caseId: created.id, referral: { recipientType: 'police', recipientOrg: 'Police', status: 'ready' } });
    const sentEarlier = await updateReferral(today, { id: backdated.id, version: 1, patch: { status: 'sent', sentOn: '2026-11-20' } });
    expect(sentEarlier.sentOn).toBe('2026-11-20');
  });

  it('an outcome is only recorded on a closed referral, and reopening clears it with the old value kept in the history', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const sent = await createReferral(t.ctx, { caseId: created.id, referral: { recipientType: 'police', recipientOrg: 'Police', status: 'sent' } });
    await expect(updateReferral(t.ctx, { id: sent.id, version: 1, patch: { outcome: 'declined' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('closed referral'),
    });
    await expect(
      createReferral(t.ctx, { caseId: created.id, referral: { recipientType: 'police', recipientOrg: 'Police', outcome: 'action_taken' } }),
    ).rejects.toMatchObject({ code: 'VALIDATION' });

    const closed = await updateReferral(t.ctx, { id: sent.id, version: 1, patch: { status: 'closed', outcome: 'declined' } });
    expect(closed).toMatchObject({ status: 'closed', outcome: 'declined', version: 2 });
    const reopened = await updateReferral(t.ctx, { id: sent.id, version: 2, patch: { status: 'in_progress' } });
    expect(reopened).toMatchObject({ status: 'in_progress', outcome: null, version: 3 });
    const [latest] = await listCaseHistory(t.vault.db, created.id);
    expect(latest!.changes).toEqual([
      { field: 'status', from: 'closed', to: 'in_progress' },
      { field: 'outcome', from: 'declined', to: null },
    ]);
  });

  it('a follow-up date before the sent date is refused, also when sending stamps today', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const today = on(t.ctx, TODAY);
    await expect(
      createReferral(today, {
        caseId: created.id,
        referral: { recipientType: 'police', recipientOrg: 'Police', status: 'sent', sentOn: '2026-11-10', followUpOn: '2026-11-09' },
      }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('on or after 2026-11-10') });

    const ready = await createReferral(today, { caseId: created.id, referral: { recipientType: 'police', recipientOrg: 'Police', status: 'ready', followUpOn: '2026-11-20' } });
    await expect(updateReferral(today, { id: ready.id, version: 1, patch: { status: 'sent' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining(`before the date the referral was sent (${TODAY})`),
    });
    const sent = await updateReferral(today, { id: ready.id, version: 1, patch: { status: 'sent', followUpOn: '2026-12-12' } });
    expect(sent).toMatchObject({ sentOn: TODAY, followUpOn: '2026-12-12' });
    await expect(updateReferral(today, { id: ready.id, version: 2, patch: { followUpOn: '2026-11-01' } })).rejects.toMatchObject({ code: 'VALIDATION' });
  });

  it('a stale edit is refused with CONFLICT naming who changed it; nothing is overwritten', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const referral = await createReferral(t.ctx, { caseId: created.id, referral: { recipientType: 'lawyer', recipientOrg: 'Chambers' } });
    await updateReferral(t.as('Jonas'), { id: referral.id, version: 1, patch: { purposeDetail: 'Asylum appeal' } });
    await expect(updateReferral(t.ctx, { id: referral.id, version: 1, patch: { purposeDetail: 'Something else' } })).rejects.toMatchObject({
      code: 'CONFLICT',
      message: expect.stringContaining('Jonas'),
    });
    expect(await getReferral(t.vault.db, referral.id, TODAY)).toMatchObject({ purposeDetail: 'Asylum appeal', version: 2 });
  });

  it('a referral has one purpose from its recipient type’s vocabulary: the general one unless chosen, never another type’s', async () => {
    const created = await createCase(t.ctx, { client: { legalName: 'Aziz Tursun' } });
    const referral = await createReferral(t.ctx, { caseId: created.id, referral: { recipientType: 'lawyer', recipientOrg: 'Chambers' } });
    expect(referral).toMatchObject({ purposeId: 'lawyer.general', purposeDetail: '' });
    await expect(updateReferral(t.ctx, { id: referral.id, version: 1, patch: { purposeId: 'police.criminal_complaint' } })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('“Legal representation”'),
    });
    await expect(createReferral(t.ctx, { caseId: created.id, referral: { recipientType: 'ngo', recipientOrg: 'Helpline', purposeId: 'no.such_purpose' } })).rejects.toMatchObject({ code: 'VALIDATION' });
    // Moving to another recipient type needs a purpose of that type.
    const moved = await updateReferral(t.ctx, { id: referral.id, version: 1, patch: { recipientType: 'police', purposeId: 'police.criminal_complaint' } });
    expect(moved).toMatchObject({ recipientType: 'police', purposeId: 'police.criminal_complaint', version: 2 });
  });

  it('every change has one audit entry, the case shows as updated without a new version, and the chain verifies', async () => {
    const created = await createCase(on(t.ctx, '2026-11-01'), { client: { legalName: 'Aziz Tursun' } });
    const day = on(t.ctx, TODAY);
    const referral = await createReferral(day, { caseId: created.id, referral: { recipientType: 'un_special_procedure', recipientOrg: 'UN Special Rapporteur' } });
    const ready = await updateReferral(day, { id: referral.id, version: 1, patch: { status: 'ready' } });
    const noChange = await updateReferral(day, { id: referral.id, version: ready.version, patch: { status: 'ready' } });
    expect(noChange.version).toBe(2);
    const later = on(t.ctx, TODAY, '11:30:00');
    await updateReferral(later, { id: referral.id, version: 2, patch: { status: 'sent' } });

    const history = (await listCaseHistory(t.vault.db, created.id)).filter((h) => h.entity === 'referral');
    expect(history.map((h) => h.action)).toEqual(['update', 'update', 'create']);
    expect(history[2]!.changes).toContainEqual({ field: 'recipientOrg', from: null, to: 'UN Special Rapporteur' });
    expect(history[2]!.changes).toContainEqual({ field: 'status', from: null, to: 'draft' });
    const caseNow = await getCase(t.vault.db, created.id);
    expect(caseNow.version).toBe(created.version);
    expect(caseNow.updatedAt).toBe(later.now().toISOString());
    // Intake (case + client) and three referral changes; the no-op edit wrote nothing.
    expect(await verifyAuditChain(t.vault.db)).toMatchObject({ ok: true, entries: 2 + 3 });
  });
});
