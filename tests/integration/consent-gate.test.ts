import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase, eraseCase } from '../../electron/services/cases/cases.service';
import { createConsent, withdrawConsent } from '../../electron/services/consents/consents.service';
import { previewPacket, type PacketEnvironment } from '../../electron/services/packets/packets.service';
import type { RecordContext } from '../../electron/services/records/context';
import { createReferral, getReferral } from '../../electron/services/referrals/referrals.service';
import { DEFAULT_SETTINGS } from '../../electron/services/settings/settings.service';
import { listCaseHistory } from '../../electron/services/audit/audit.service';
import { packetRequest } from '../../shared/ipc/packets-contract';
import { openTestVault, type TestVault } from '../support/vault';

/**
 * The consent gate with structured purposes (issue 10 §3): a consent lets a
 * packet go when it is in force, is for the referral's recipient type and
 * organisation (or any organisation), and covers the referral's purpose id.
 * The free-text detail never decides anything.
 */

let t: TestVault;
beforeEach(async () => {
  t = await openTestVault('Ruth Klein');
});
afterEach(() => t.close());

const TODAY = '2026-11-28';
const day = (ctx: RecordContext): RecordContext => ({ ...ctx, now: () => new Date(`${TODAY}T10:00:00`) });
const env: PacketEnvironment = { today: TODAY, settings: { ...DEFAULT_SETTINGS, organisationName: 'Harbour Rights Centre', organisationContact: 'casework@harbour.example' }, generatorVersion: 'test' };

type ConsentFields = Parameters<typeof createConsent>[1]['consent'];
const policeConsent = (overrides: Partial<ConsentFields> = {}): ConsentFields => ({
  recipientType: 'police',
  recipientOrg: '',
  purposeIds: ['police.criminal_complaint'],
  purposeDetail: '',
  scopeIdentity: 'named',
  scopeEvidence: true,
  obtainedHow: 'written',
  givenOn: '2026-11-01',
  expiresOn: null,
  ...overrides,
});

async function gateOf(referralId: string) {
  const request = packetRequest.parse({ referralId, threatIds: [], evidenceIds: [], includeAsIs: [], overrideReason: null, templateAnswers: {} });
  return (await previewPacket(t.vault.db, request, env, new Date(`${TODAY}T10:00:00`))).gate;
}

async function policeReferral(purposeDetail = 'Report of coercion of a resident via family', recipientOrg = 'Berlin State Police') {
  const kase = await createCase(day(t.ctx), { client: { legalName: 'Lin Meihua' } });
  const referral = await createReferral(day(t.ctx), { caseId: kase.id, referral: { recipientType: 'police', recipientOrg, purposeId: 'police.criminal_complaint', purposeDetail } });
  return { kase, referral };
}

describe('the consent gate with structured purposes', () => {
  it('a consent for the same purpose lets the packet go, however differently either side worded the details', async () => {
    const { kase, referral } = await policeReferral('Report of coercion of a resident via family');
    const consent = await createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent({ purposeDetail: 'Criminal complaint about the pressure on her mother' }) });
    expect(await gateOf(referral.id)).toMatchObject({ state: 'consent', consent: { id: consent.id } });
  });

  it('a consent that does not cover the referral’s purpose blocks it, and the message names what the consent does cover', async () => {
    const { kase, referral } = await policeReferral();
    // Identical detail text, different purpose: still not covered.
    await createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent({ purposeIds: ['police.threat_assessment', 'police.investigation_information'], purposeDetail: referral.purposeDetail }) });
    const gate = await gateOf(referral.id);
    expect(gate.state).toBe('blocked');
    if (gate.state !== 'blocked') return;
    expect(gate.message).toContain('for “Threat assessment / protection request”, “Information for an ongoing investigation”');
    expect(gate.message).toContain('not for this referral’s purpose “Criminal complaint”');
    expect(gate.message).toContain('Record the client’s consent');
  });

  it('a consent naming another organisation does not cover this one; one for any organisation of the type does', async () => {
    const { kase, referral } = await policeReferral();
    await createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent({ recipientOrg: 'Hamburg Police' }) });
    const blocked = await gateOf(referral.id);
    expect(blocked).toMatchObject({ state: 'blocked', message: expect.stringContaining('covers Hamburg Police, not Berlin State Police') });

    const named = await createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent({ recipientOrg: 'berlin  state police', givenOn: '2026-10-01' }) });
    const anyPolice = await createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent({ givenOn: '2026-11-20' }) });
    // The organisation-specific consent is preferred where it applies, though given earlier.
    expect(await gateOf(referral.id)).toMatchObject({ state: 'consent', consent: { id: named.id } });
    const other = await createReferral(day(t.ctx), { caseId: kase.id, referral: { recipientType: 'police', recipientOrg: 'Munich Police', purposeId: 'police.criminal_complaint' } });
    expect(await gateOf(other.id)).toMatchObject({ state: 'consent', consent: { id: anyPolice.id } });
  });

  it('a consent recorded for the referral is linked to it and is the one the gate uses, with its scope', async () => {
    const { kase, referral } = await policeReferral();
    await createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent({ givenOn: '2026-11-20' }) });
    const linked = await createConsent(day(t.ctx), {
      caseId: kase.id,
      consent: policeConsent({ givenOn: '2026-11-02', scopeIdentity: 'pseudonymised', scopeEvidence: false }),
      referralId: referral.id,
    });
    const after = await getReferral(t.vault.db, referral.id, TODAY);
    expect(after).toMatchObject({ consentId: linked.id, version: referral.version + 1 });
    const gate = await gateOf(referral.id);
    expect(gate).toMatchObject({ state: 'consent', consent: { id: linked.id, scopeIdentity: 'pseudonymised' } });
    const [latest] = await listCaseHistory(t.vault.db, kase.id);
    expect(latest).toMatchObject({ action: 'update', entity: 'referral', entityId: referral.id, changes: [{ field: 'consentId', from: null, to: linked.id }] });

    // Once the linked consent is withdrawn, another valid consent still covers the referral.
    await withdrawConsent(day(t.ctx), { id: linked.id, version: linked.version, withdrawnOn: TODAY, note: '' });
    expect(await gateOf(referral.id)).toMatchObject({ state: 'consent', consent: { recipientOrg: '', givenOn: '2026-11-20' } });
  });

  it('a case whose referral is linked to its consent can still be erased, leaving neither behind', async () => {
    const { kase, referral } = await policeReferral();
    await createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent(), referralId: referral.id });
    await eraseCase(t.ctx, { id: kase.id, confirmCode: kase.code });
    expect(t.vault.raw.prepare('SELECT count(*) FROM referral').pluck().get()).toBe(0);
    expect(t.vault.raw.prepare('SELECT count(*) FROM consent').pluck().get()).toBe(0);
    expect(t.vault.raw.pragma('foreign_key_check')).toEqual([]);
  });

  it('a consent recorded from a referral must be for its recipient type and cover its purpose; nothing is saved otherwise', async () => {
    const { kase, referral } = await policeReferral();
    await expect(createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent({ purposeIds: ['police.threat_assessment'] }), referralId: referral.id })).rejects.toMatchObject({
      code: 'VALIDATION',
      message: expect.stringContaining('must cover this referral’s purpose, “Criminal complaint”'),
    });
    await expect(
      createConsent(day(t.ctx), { caseId: kase.id, consent: { ...policeConsent(), recipientType: 'ngo', purposeIds: ['ngo.general'] }, referralId: referral.id }),
    ).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('goes to the police') });
    expect(await gateOf(referral.id)).toMatchObject({ state: 'blocked' });
    expect((await getReferral(t.vault.db, referral.id, TODAY)).consentId).toBeNull();
  });

  it('an expired or withdrawn consent does not let the packet go, and the message says which', async () => {
    const { kase, referral } = await policeReferral();
    const expired = await createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent({ expiresOn: '2026-11-27' }) });
    expect(expired.state).toBe('expired');
    expect(await gateOf(referral.id)).toMatchObject({ state: 'blocked', message: expect.stringContaining('expired on 2026-11-27') });

    const current = await createConsent(day(t.ctx), { caseId: kase.id, consent: policeConsent({ expiresOn: TODAY }) });
    expect(await gateOf(referral.id)).toMatchObject({ state: 'consent', consent: { id: current.id } });
    await withdrawConsent(day(t.ctx), { id: current.id, version: current.version, withdrawnOn: TODAY, note: 'Fears for her mother' });
    expect(await gateOf(referral.id)).toMatchObject({ state: 'blocked', message: expect.stringContaining('withdrew their consent to sharing with the police on 2026-11-28') });
  });

  it('the override path is unchanged: a reason of at least 15 characters lets a blocked packet go', async () => {
    const { referral } = await policeReferral();
    const ask = (overrideReason: string) =>
      previewPacket(
        t.vault.db,
        packetRequest.parse({ referralId: referral.id, threatIds: [], evidenceIds: [], includeAsIs: [], overrideReason, templateAnswers: {} }),
        env,
        new Date(`${TODAY}T10:00:00`),
      );
    expect((await ask('too short')).gate.state).toBe('blocked');
    expect((await ask('Imminent danger to life today')).gate).toEqual({ state: 'override', reason: 'Imminent danger to life today' });
  });
});
