import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCase } from '../../electron/services/cases/cases.service';
import { createConsent } from '../../electron/services/consents/consents.service';
import { makeDemoJpeg } from '../../electron/services/demo/demo-images';
import { addEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { exportPacket, previewPacket, type PacketEnvironment } from '../../electron/services/packets/packets.service';
import { readPacketZip } from '../../electron/services/packets/zip';
import type { RecordContext } from '../../electron/services/records/context';
import { createReferral } from '../../electron/services/referrals/referrals.service';
import { DEFAULT_SETTINGS } from '../../electron/services/settings/settings.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import { templateAnswers } from '../../shared/domain/packet';
import { PURPOSES } from '../../shared/purposes';
import { openTestVault, type TestVault } from '../support/vault';

/**
 * A profile's allowed evidence types are checked against what the file is,
 * not what it was called when it was added: a web page saved as
 * "screenshot.png" is a web page to the police profile too.
 */

let t: TestVault;
let out: string;
beforeEach(async () => {
  t = await openTestVault('Ruth Klein');
  out = join(t.temp.path, 'outbox');
  await mkdir(out);
});
afterEach(() => t.close());

const TODAY = '2026-11-28';
const day = (ctx: RecordContext): RecordContext => ({ ...ctx, now: () => new Date(`${TODAY}T10:00:00`) });
const env: PacketEnvironment = { today: TODAY, settings: { ...DEFAULT_SETTINGS, organisationName: 'Harbour Rights Centre', organisationContact: 'casework@harbour.example' }, generatorVersion: 'test' };

async function policeReferralWith(files: Array<{ fileName: string; mediaType: string; data: Buffer }>) {
  const ctx = day(t.ctx);
  const kase = await createCase(ctx, { client: { legalName: 'Li Wei', nationality: 'China', residenceCountry: 'Netherlands' }, case: { summary: 'Pressure on the family.' } });
  const evidence = [];
  for (const file of files) {
    evidence.push(
      await addEvidenceBytes(ctx, {
        caseId: kase.id,
        evidence: { fileName: file.fileName, mediaType: file.mediaType, collectedAt: '2026-11-01T09:00:00.000Z', collectedHow: 'Sent by the client', collectedBy: '', collectedFrom: '', description: '' },
        data: file.data,
      }),
    );
  }
  const threat = await createThreat(ctx, {
    caseId: kase.id,
    threat: {
      tacticId: 'threats_from_distance.coercion_by_proxy',
      tacticOther: '',
      datePrecision: 'exact',
      occurredFrom: '2026-10-01',
      occurredTo: null,
      country: 'China',
      city: '',
      channel: 'phone',
      targetContactId: null,
      perpetratorIds: [],
      evidenceIds: evidence.map((e) => e.id),
      description: 'A call from an unknown number.',
      severity: 3,
      verification: 'corroborated',
    },
  });
  const referral = await createReferral(ctx, { caseId: kase.id, referral: { recipientType: 'police', recipientOrg: 'Receiving office', purposeDetail: 'Protection', threatIds: [threat.id] } });
  await createConsent(ctx, {
    caseId: kase.id,
    consent: { recipientType: 'police', recipientOrg: '', purposeIds: [PURPOSES.generalFor('police').id], purposeDetail: 'Protection', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', givenOn: '2026-11-20', expiresOn: null },
  });
  const request = {
    referralId: referral.id,
    threatIds: [threat.id],
    evidenceIds: evidence.map((e) => e.id),
    includeAsIs: [],
    overrideReason: null,
    templateAnswers: templateAnswers.parse({}),
  };
  return { evidence, request };
}

describe('evidence types are judged by the bytes', () => {
  it('a web page saved as "screenshot.png" is not sent under a profile that sends images but not web pages; the real photo still goes', async () => {
    const page = Buffer.from('<!DOCTYPE html><html><body><p>Saved chat</p></body></html>');
    const { evidence, request } = await policeReferralWith([
      { fileName: 'screenshot.png', mediaType: 'image/png', data: page },
      { fileName: 'summons.jpg', mediaType: 'image/jpeg', data: await makeDemoJpeg({ seed: 'type-check', latitude: 43.8, longitude: 87.6, takenAt: new Date('2026-10-30T08:00:00Z') }) },
    ]);
    const [fakePng, photo] = evidence;

    const preview = await previewPacket(t.vault.db, request, env, new Date());
    expect(preview.evidence.find((e) => e.id === fakePng!.id)).toMatchObject({ allowed: false, mediaType: 'text/html', reason: expect.stringContaining('(text/html)') });
    expect(preview.evidence.find((e) => e.id === photo!.id)).toMatchObject({ allowed: true, mediaType: 'image/jpeg' });
    expect(preview.document.evidence.map((e) => e.mediaType)).toEqual(['image/jpeg']);

    const path = join(out, 'packet.zip');
    await exportPacket(day(t.ctx), request, env, { path, sealPassphrase: null });
    const files = (await readPacketZip(await readFile(path))).map((e) => e.path);
    expect(files.filter((p) => p.startsWith('evidence/'))).toEqual(['evidence/E01.jpg']);
  });
});
