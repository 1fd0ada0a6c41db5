import { existsSync, readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import exifr from 'exifr';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCaseHistory, verifyAuditChain } from '../../electron/services/audit/audit.service';
import { createCase } from '../../electron/services/cases/cases.service';
import { createConsent, withdrawConsent } from '../../electron/services/consents/consents.service';
import { createContactForCase } from '../../electron/services/contacts/contacts.service';
import { makeDemoJpeg } from '../../electron/services/demo/demo-images';
import { addEvidenceBytes } from '../../electron/services/evidence/evidence.service';
import { extractPdfText } from '../../electron/services/packets/pdf-text';
import { exportPacket, listPacketHistory, previewPacket, type PacketEnvironment } from '../../electron/services/packets/packets.service';
import { verifyPacket } from '../../electron/services/packets/verify';
import { readPacketZip } from '../../electron/services/packets/zip';
import { cloneProfile, listProfiles, resetProfile, saveProfile } from '../../electron/services/profiles/profiles.service';
import type { RecordContext } from '../../electron/services/records/context';
import { createReferral } from '../../electron/services/referrals/referrals.service';
import { DEFAULT_SETTINGS } from '../../electron/services/settings/settings.service';
import { createThreat } from '../../electron/services/threats/threats.service';
import { loadDefaultProfiles, type DisclosureProfile } from '../../shared/domain/disclosure-profile';
import type { RecipientType } from '../../shared/domain/enums';
import { referralJsonDocument, templateAnswers } from '../../shared/domain/packet';
import { openTestVault, type TestVault } from '../support/vault';
import { PURPOSES } from '../../shared/purposes';

/**
 * Referral packets against a real encrypted vault: what goes out is what the
 * profile and the consent allow, and not one byte more.
 */

let t: TestVault;
let out: string;
beforeEach(async () => {
  t = await openTestVault('Ruth Klein');
  out = join(t.temp.path, 'outbox');
  await import('node:fs/promises').then((fs) => fs.mkdir(out));
});
afterEach(() => t.close());

const TODAY = '2026-11-28';
const day = (ctx: RecordContext): RecordContext => ({ ...ctx, now: () => new Date(`${TODAY}T10:00:00`) });
const env: PacketEnvironment = { today: TODAY, settings: { ...DEFAULT_SETTINGS, organisationName: 'Harbour Rights Centre', organisationContact: 'casework@harbour.example' }, generatorVersion: 'test' };

/** A case full of sensitive values, written in many forms inside its free text too. */
async function seedCase() {
  const ctx = day(t.ctx);
  const kase = await createCase(ctx, {
    client: {
      legalName: 'Li Wei',
      originalNames: ['李伟'],
      aliases: ['Lee Way'],
      identityDocuments: ['Passport CN E12345678'],
      dateOfBirth: '1990-03-15',
      nationality: 'China',
      residenceCountry: 'Netherlands',
      safeContactMethods: 'Signal +31 6 1234 5678 or li.wei@example.org',
    },
    case: { summary: 'Li Wei (李伟) is pressured through his mother Zhang Xiuying in Urumqi.' },
  });
  const mother = await createContactForCase(ctx, {
    caseId: kase.id,
    role: 'family_home',
    relationship: 'mother',
    contact: { name: 'Zhang Xiuying', originalNames: ['张秀英'], aliases: ['Auntie Ying'], city: 'Urumqi', country: 'China', phones: ['+86 138 0013 8000'], handles: ['WeChat: xiuying_1962'], address: '12 Renmin Road, Urumqi' },
  });
  const witness = await createContactForCase(ctx, {
    caseId: kase.id,
    role: 'witness',
    contact: { name: 'Ahmet Yilmaz', phones: ['+49 30 1234567'], emails: ['ahmet.y@example.net'], city: 'Berlin', country: 'Germany' },
  });
  const officer = await createContactForCase(ctx, { caseId: kase.id, role: 'perpetrator', contact: { name: 'Officer Zhao', country: 'China' } });
  const photo = await addEvidenceBytes(ctx, {
    caseId: kase.id,
    evidence: { fileName: 'summons-photo.jpg', mediaType: 'image/jpeg', collectedAt: '2026-11-01T09:00:00.000Z', collectedHow: 'Sent by the client over Signal', collectedBy: '', collectedFrom: '', description: 'Photo of the summons handed to Zhang Xiuying.' },
    data: await makeDemoJpeg({ seed: 'packet', latitude: 43.8256, longitude: 87.6168, takenAt: new Date('2026-10-30T08:00:00Z') }),
  });
  const descriptions = [
    'Two officers visited ZHANG  XIUYING (张 秀英) at 12 Renmin Road, Urumqi, and asked about Li Wei (李伟, passport E12345678).',
    'Calls to his mother from 0138-0013-8000 and +86-138-0013-8000; they told her to message xiuying_1962 and to contact ＬＩ　ＷＥＩ.',
    'A witness, ahmet yilmaz (+49 (0)30 123 4567, ahmet.y@example.net), saw Lee Way followed in Berlin; Auntie Ying was warned. Born 15.03.1990.',
  ];
  const threats = [];
  for (const [i, description] of descriptions.entries()) {
    threats.push(
      await createThreat(ctx, {
        caseId: kase.id,
        threat: {
          tacticId: i === 2 ? 'direct_attack.stalking' : 'threats_from_distance.coercion_by_proxy',
          tacticOther: '',
          datePrecision: 'exact',
          occurredFrom: `2026-10-0${i + 1}`,
          occurredTo: null,
          country: i === 2 ? 'Germany' : 'China',
          city: i === 2 ? 'Berlin' : 'Urumqi',
          channel: i === 1 ? 'phone' : 'in_person',
          targetContactId: i === 2 ? null : mother.id,
          perpetratorIds: [officer.id],
          evidenceIds: i === 0 ? [photo.id] : [],
          description,
          severity: 4,
          verification: 'corroborated',
        },
      }),
    );
  }
  return { kase, mother, witness, officer, photo, threats };
}

async function referralFor(kaseId: string, threatIds: string[], recipientType: RecipientType, consent: boolean) {
  const ctx = day(t.ctx);
  const referral = await createReferral(ctx, { caseId: kaseId, referral: { recipientType, recipientOrg: 'Receiving office', purposeDetail: 'Protection of the family', threatIds } });
  if (consent) {
    await createConsent(ctx, {
      caseId: kaseId,
      consent: { recipientType, recipientOrg: '', purposeIds: [PURPOSES.generalFor(recipientType).id], purposeDetail: 'Protection of the family', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'written', givenOn: '2026-11-20', expiresOn: null },
    });
  }
  return referral;
}

const request = (referralId: string, threatIds: string[], evidenceIds: string[], extra: Record<string, unknown> = {}) => ({
  referralId,
  threatIds,
  evidenceIds,
  includeAsIs: [],
  overrideReason: null,
  templateAnswers: templateAnswers.parse({ requestType: 'deletion' }),
  ...extra,
});

// ---- what "appears" means: every form a value can take --------------------------

const FULL_WIDTH = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
function textForms(value: string): string[] {
  const forms = new Set([value, value.toUpperCase(), value.toLowerCase(), FULL_WIDTH(value), value.replace(/\s+/g, ''), value.replace(/\s+/g, '  '), value.replace(/\s+/g, '-'), value.normalize('NFD')]);
  if (/\p{Script=Han}/u.test(value)) forms.add([...value].join(' '));
  return [...forms].filter((f) => f.length > 0);
}
const PHONE_FORMS: Record<string, string[]> = {
  '+86 138 0013 8000': ['+8613800138000', '008613800138000', '13800138000', '0138-0013-8000', '138 0013 8000', '+86-138-0013-8000'],
  '+49 30 1234567': ['+49301234567', '0049301234567', '030 1234567', '301234567'],
};
/** Letters and digits only, case and width folded: how a value is looked for in text extracted from the PDF. */
const fold = (s: string) => s.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');

function byteNeedles(value: string): Buffer[] {
  const forms = [...textForms(value), ...(PHONE_FORMS[value] ?? [])];
  return forms.flatMap((f) => [Buffer.from(f, 'utf8'), Buffer.from(f, 'utf16le')]);
}

interface Withheld {
  value: string;
  why: string;
}

/** What each default profile must keep out, from the profile's own rules (the spec), not from the engine. */
function expectedWithheld(profile: DisclosureProfile): Withheld[] {
  const always: Withheld[] = [
    // The mother is a relative at home: "never disclose" by default, under every profile.
    ...['Zhang Xiuying', '张秀英', 'Auntie Ying', '+86 138 0013 8000', 'xiuying_1962', '12 Renmin Road'].map((value) => ({ value, why: 'mother' })),
    // Her home town would point to her, even where a threat happened there.
    { value: 'Urumqi', why: 'home town of someone shown by role only' },
  ];
  const client = profile.clientIdentity === 'pseudonymised' ? ['Li Wei', '李伟', 'Lee Way', '1990-03-15', '15.03.1990'].map((value) => ({ value, why: 'pseudonymised client' })) : [];
  const documents = !profile.classes.includes('identity_document') || profile.clientIdentity === 'pseudonymised' ? [{ value: 'E12345678', why: 'ID documents withheld' }] : [];
  const witness = profile.relatives === 'role_labels' ? ['Ahmet Yilmaz', '+49 30 1234567', 'ahmet.y@example.net'].map((value) => ({ value, why: 'witness by role' })) : [];
  // Berlin: where a threat happened, and the witness's city (withheld wherever the witness is shown by role).
  const places = profile.places === 'country' || profile.relatives === 'role_labels' ? [{ value: 'Berlin', why: 'places by country, or a role-only witness lives there' }] : [];
  const contact = !profile.classes.includes('contact_details') || profile.clientIdentity === 'pseudonymised' ? [{ value: 'li.wei@example.org', why: 'contact details withheld' }] : [];
  return [...always, ...client, ...documents, ...witness, ...places, ...contact];
}

describe('referral packets', () => {
  it('under every default profile, no withheld value appears in any byte of any file of the packet, in any form', async () => {
    const seeded = await seedCase();
    const threatIds = seeded.threats.map((x) => x.id);
    for (const profile of loadDefaultProfiles()) {
      const recipientType = profile.recipientTypes[0]!;
      const referral = await referralFor(seeded.kase.id, threatIds, recipientType, true);
      const evidenceIds = profile.evidence.length > 0 ? [seeded.photo.id] : [];
      const path = join(out, `${profile.id}.zip`);
      const { entry } = await exportPacket(day(t.ctx), request(referral.id, threatIds, evidenceIds), env, { path, sealPassphrase: null });
      expect(entry.profileId).toBe(profile.id);

      const zip = await readFile(path);
      const files = await readPacketZip(zip);
      expect(files.map((f) => f.path)).toEqual(expect.arrayContaining(['README.txt', 'referral.pdf', 'referral.json', 'SHA256SUMS', 'manifest.json']));
      const pdf = files.find((f) => f.path === 'referral.pdf')!;
      const { pages, metadata } = await extractPdfText(pdf.data);
      const pdfText = fold([...pages, ...metadata.map((m) => m.text)].join('\n'));
      const jsonText = fold(new TextDecoder().decode(files.find((f) => f.path === 'referral.json')!.data));

      for (const { value, why } of expectedWithheld(profile)) {
        for (const needle of byteNeedles(value)) {
          for (const file of [{ path: '(zip)', data: zip }, ...files]) {
            expect(Buffer.from(file.data).includes(needle), `${profile.id}: ${file.path} holds "${value}" (${why})`).toBe(false);
          }
          expect(path.includes(value), `${profile.id}: file name holds ${value}`).toBe(false);
        }
        for (const form of [value, ...(PHONE_FORMS[value] ?? [])]) {
          expect(pdfText.includes(fold(form)), `${profile.id}: referral.pdf text holds "${value}" (${why})`).toBe(false);
          expect(jsonText.includes(fold(form)), `${profile.id}: referral.json holds "${value}" (${why})`).toBe(false);
        }
      }
      // What the profile does let through is really there: the case code always, the client's name when named.
      expect(pdfText).toContain(fold(seeded.kase.code));
      if (profile.clientIdentity === 'named') expect(pdfText).toContain(fold('Li Wei'));
      expect(pdfText).toContain(fold('Relative A (mother)'));
      expect((await verifyPacket(zip)).ok).toBe(true);
    }
  }, 240_000);

  it('the photo in the packet is a re-encoded copy with no EXIF and no GPS, checked with a real parser', async () => {
    const seeded = await seedCase();
    const original = await exifr.parse(await makeDemoJpeg({ seed: 'packet', latitude: 43.8256, longitude: 87.6168, takenAt: new Date('2026-10-30T08:00:00Z') }), { gps: true });
    expect(original?.latitude).toBeCloseTo(43.8256, 3);
    const referral = await referralFor(seeded.kase.id, [seeded.threats[0]!.id], 'police', true);
    const path = join(out, 'police.zip');
    await exportPacket(day(t.ctx), request(referral.id, [seeded.threats[0]!.id], [seeded.photo.id]), env, { path, sealPassphrase: null });
    const files = await readPacketZip(await readFile(path));
    const photo = files.find((f) => f.path.startsWith('evidence/'))!;
    expect(photo.path).toBe('evidence/E01.jpg');
    const parsed = await exifr.parse(Buffer.from(photo.data), { tiff: true, exif: true, gps: true, xmp: true, iptc: true, icc: true, jfif: false });
    expect(parsed ?? {}).not.toHaveProperty('latitude');
    expect(parsed ?? {}).not.toHaveProperty('GPSLatitude');
    expect(await exifr.gps(Buffer.from(photo.data)).catch(() => undefined)).toBeUndefined();
    const json = referralJsonDocument.parse(JSON.parse(new TextDecoder().decode(files.find((f) => f.path === 'referral.json')!.data)));
    expect(json.evidence[0]).toMatchObject({ ref: 'E1', path: 'evidence/E01.jpg', treatment: 're_encoded', originalSha256: seeded.photo.sha256 });
    expect(json.evidence[0]!.sha256).not.toBe(seeded.photo.sha256);
  });

  it('without consent the export is blocked and nothing is written; a withdrawn consent blocks too; an override with a reason is allowed and recorded', async () => {
    const seeded = await seedCase();
    const ids = [seeded.threats[0]!.id];
    const referral = await referralFor(seeded.kase.id, ids, 'police', false);
    const path = join(out, 'blocked.zip');
    await expect(exportPacket(day(t.ctx), request(referral.id, ids, []), env, { path, sealPassphrase: null })).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
      message: expect.stringContaining('has not consented to sharing with the police'),
    });
    expect(existsSync(path)).toBe(false);
    expect(readdirSync(out)).toEqual([]);

    const consent = await createConsent(day(t.ctx), {
      caseId: seeded.kase.id,
      consent: { recipientType: 'police', recipientOrg: '', purposeIds: ['police.general'], purposeDetail: 'Protection of the family', scopeIdentity: 'named', scopeEvidence: true, obtainedHow: 'verbal', givenOn: '2026-11-01', expiresOn: null },
    });
    expect((await previewPacket(t.vault.db, request(referral.id, ids, []), env, new Date())).gate.state).toBe('consent');
    await withdrawConsent(day(t.ctx), { id: consent.id, version: consent.version, withdrawnOn: '2026-11-27', note: 'Client changed their mind' });
    await expect(exportPacket(day(t.ctx), request(referral.id, ids, []), env, { path, sealPassphrase: null })).rejects.toMatchObject({
      code: 'CONSENT_REQUIRED',
      message: expect.stringContaining('withdrew their consent'),
    });
    expect(readdirSync(out)).toEqual([]);

    // A token reason is not a reason.
    await expect(exportPacket(day(t.ctx), request(referral.id, ids, [], { overrideReason: 'urgent' }), env, { path, sealPassphrase: null })).rejects.toMatchObject({ code: 'CONSENT_REQUIRED' });

    const reason = 'Imminent risk to life: the client is unreachable and police must act today';
    const preview = await previewPacket(t.vault.db, request(referral.id, ids, [], { overrideReason: reason }), env, new Date());
    expect(preview.gate).toEqual({ state: 'override', reason });
    expect(preview.blockers).toEqual([]);
    const { entry } = await exportPacket(day(t.ctx), request(referral.id, ids, [], { overrideReason: reason }), env, { path, sealPassphrase: null });
    expect(entry).toMatchObject({ consentId: null, overrideReason: reason, referralId: referral.id });
    const manifest = JSON.parse(new TextDecoder().decode((await readPacketZip(await readFile(path))).find((f) => f.path === 'manifest.json')!.data));
    expect(manifest.consent).toEqual({ kind: 'override', reason });

    const [latest] = await listCaseHistory(t.vault.db, seeded.kase.id);
    expect(latest).toMatchObject({ action: 'export', entity: 'referral', entityId: referral.id, actor: 'Ruth Klein' });
    expect(latest!.changes).toContainEqual({ field: 'overrideReason', from: null, to: reason });
    expect(latest!.changes).toContainEqual({ field: 'manifestSha256', from: null, to: entry.manifestSha256 });
    expect(await listPacketHistory(t.vault.db, referral.id)).toEqual([entry]);
    expect((await verifyAuditChain(t.vault.db)).ok).toBe(true);
  });

  it('a consent that covers only sharing without the name pseudonymises the packet, whatever the profile says', async () => {
    const seeded = await seedCase();
    const ids = seeded.threats.map((x) => x.id);
    const referral = await createReferral(day(t.ctx), { caseId: seeded.kase.id, referral: { recipientType: 'police', recipientOrg: 'Receiving office', purposeDetail: 'Protection of the family', threatIds: ids } });
    await createConsent(day(t.ctx), {
      caseId: seeded.kase.id,
      consent: { recipientType: 'police', recipientOrg: '', purposeIds: ['police.general'], purposeDetail: 'Protection of the family', scopeIdentity: 'pseudonymised', scopeEvidence: false, obtainedHow: 'written', givenOn: '2026-11-01', expiresOn: null },
    });
    const preview = await previewPacket(t.vault.db, request(referral.id, ids, [seeded.photo.id]), env, new Date());
    expect(preview.document.subject).toMatchObject({ label: seeded.kase.code, named: false });
    expect(preview.document.evidence).toEqual([]);
    expect(preview.evidence.find((e) => e.id === seeded.photo.id)).toMatchObject({ allowed: false });
    expect(JSON.stringify(preview.document)).not.toContain('Li Wei');
    expect(preview.document.disclosureNotes).toContain('The client consented to this referral without being named.');
  });

  it('the preview marks every replaced value, and the export refuses to write a packet whose file would leak (an unchanged text file naming the mother)', async () => {
    const seeded = await seedCase();
    const ids = [seeded.threats[0]!.id];
    const note = await addEvidenceBytes(day(t.ctx), {
      caseId: seeded.kase.id,
      evidence: { fileName: 'statement.txt', mediaType: 'text/plain', collectedAt: '2026-11-02T09:00:00.000Z', collectedHow: '', collectedBy: '', collectedFrom: '', description: '' },
      data: Buffer.from('Statement: my mother Zhang Xiuying was visited twice.\n', 'utf8'),
    });
    const referral = await referralFor(seeded.kase.id, ids, 'police', true);
    const preview = await previewPacket(t.vault.db, request(referral.id, ids, [note.id]), env, new Date());
    const description = preview.document.timeline[0]!.description;
    expect(description.parts.filter((p) => p.redacted).map((p) => p.text)).toEqual(expect.arrayContaining(['Relative A (mother)', '[address of Relative A (mother)]']));
    expect(description.text).not.toMatch(/xiuying/i);
    expect(preview.blockers.join(' ')).toContain('Include as is');

    const path = join(out, 'leak.zip');
    await expect(exportPacket(day(t.ctx), request(referral.id, ids, [note.id], { includeAsIs: [note.id] }), env, { path, sealPassphrase: null })).rejects.toMatchObject({
      code: 'LEAK_DETECTED',
      message: expect.stringMatching(/evidence\/E01\.txt \(text\) contains Relative A \(mother\)/),
    });
    expect(readdirSync(out)).toEqual([]);
    expect(await listPacketHistory(t.vault.db, referral.id)).toEqual([]);
  });

  it('a sealed packet opens only with its passphrase and still verifies', async () => {
    const seeded = await seedCase();
    const ids = [seeded.threats[0]!.id];
    const referral = await referralFor(seeded.kase.id, ids, 'lawyer', true);
    const path = join(out, 'sealed.zip');
    const { entry } = await exportPacket(day(t.ctx), request(referral.id, ids, [seeded.photo.id]), env, { path, sealPassphrase: 'correct horse battery staple' });
    expect(entry.sealed).toBe(true);
    const bytes = await readFile(path);
    await expect(verifyPacket(bytes)).rejects.toMatchObject({ code: 'VALIDATION' });
    await expect(verifyPacket(bytes, { passphrase: 'wrong passphrase here' })).rejects.toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(await verifyPacket(bytes, { passphrase: 'correct horse battery staple' })).toMatchObject({ ok: true, sealed: true, packetId: entry.packetId });
  });

  it('each recipient gets its template: the CCF request needs its type; the UN communication keeps a pseudonymised victim confidential', async () => {
    const seeded = await seedCase();
    const ids = seeded.threats.map((x) => x.id);
    const ccf = await referralFor(seeded.kase.id, ids, 'interpol_ccf', true);
    const withoutType = await previewPacket(t.vault.db, request(ccf.id, ids, [], { templateAnswers: templateAnswers.parse({}) }), env, new Date());
    expect(withoutType.blockers).toContain('Choose what the request to the CCF is for: access to, correction of or deletion of data.');
    const answers = templateAnswers.parse({ requestType: 'deletion', argumentPoliticalCharacter: true, confidentialItems: 'Where Zhang Xiuying lives' });
    const ccfPreview = await previewPacket(t.vault.db, request(ccf.id, ids, [], { templateAnswers: answers }), env, new Date());
    expect(ccfPreview.document.template).toBe('interpol_ccf');
    const sections = Object.fromEntries(ccfPreview.document.templateSections.map((section) => [section.id, section.fields.map((f) => `${f.label}: ${f.value.text}`)]));
    expect(sections['ccf.request']).toEqual(['Type of request: Deletion of data']);
    expect(sections['ccf.arguments']).toContain('Predominantly political character (Article 3 of INTERPOL’s Constitution): Raised');
    expect(sections['ccf.confidential']).toEqual(['To be kept confidential from the requesting country: Where Relative A (mother) lives']);

    const un = await referralFor(seeded.kase.id, ids, 'un_special_procedure', true);
    const unPreview = await previewPacket(t.vault.db, request(un.id, ids, []), env, new Date());
    expect(unPreview.document.template).toBe('un_communication');
    const unFields = unPreview.document.templateSections.flatMap((section) => section.fields.map((f) => f.value.text));
    expect(unFields).toContain('To be kept confidential. The person is identified only by the case code.');
    expect(unFields.join(' ')).toContain('Officer Zhao');
    expect(JSON.stringify(unPreview.document)).not.toContain('Li Wei');
  });

  it('never replaces an existing file', async () => {
    const seeded = await seedCase();
    const ids = [seeded.threats[0]!.id];
    const referral = await referralFor(seeded.kase.id, ids, 'lawyer', true);
    const path = join(out, 'twice.zip');
    await exportPacket(day(t.ctx), request(referral.id, ids, []), env, { path, sealPassphrase: null });
    const first = await readFile(path);
    await expect(exportPacket(day(t.ctx), request(referral.id, ids, []), env, { path, sealPassphrase: null })).rejects.toMatchObject({ code: 'ALREADY_EXISTS' });
    expect(await readFile(path)).toEqual(first);
    expect(await listPacketHistory(t.vault.db, referral.id)).toHaveLength(1);
  });
});

describe('disclosure profiles per vault', () => {
  it('a caseworker clones the police profile, narrows it to country level, makes it the police default by taking police off the shipped one, and can go back', async () => {
    const ctx = day(t.ctx);
    const clone = await cloneProfile(ctx, { fromId: 'law_enforcement', id: 'police_cautious', label: 'Police, country level only' });
    expect(clone).toMatchObject({ source: 'custom', profile: { recipientTypes: [], places: 'city' } });

    const wanted = { ...clone.profile, places: 'country' as const, classes: clone.profile.classes.filter((c) => c !== 'precise_location'), recipientTypes: ['police' as const] };
    await expect(saveProfile(ctx, wanted)).rejects.toMatchObject({ code: 'VALIDATION', message: expect.stringContaining('already the default for the police') });

    const shipped = (await listProfiles(t.vault.db)).find((p) => p.profile.id === 'law_enforcement')!;
    expect(await saveProfile(ctx, { ...shipped.profile, recipientTypes: ['national_tnr_unit'] })).toMatchObject({ source: 'modified' });
    expect(await saveProfile(ctx, wanted)).toMatchObject({ source: 'custom', profile: { recipientTypes: ['police'] } });

    // The internal class can never be added, whatever a profile editor sends.
    await expect(saveProfile(ctx, { ...wanted, classes: [...wanted.classes, 'internal'] })).rejects.toMatchObject({ code: 'VALIDATION' });

    // Resetting the shipped profile would give the police two defaults: refused until the clone lets go.
    await expect(resetProfile(ctx, 'law_enforcement')).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await resetProfile(ctx, 'police_cautious')).toEqual({ removed: true });
    expect(await resetProfile(ctx, 'law_enforcement')).toEqual({ removed: true });
    expect((await listProfiles(t.vault.db)).find((p) => p.profile.id === 'law_enforcement')).toMatchObject({ source: 'shipped', profile: { recipientTypes: ['police', 'national_tnr_unit'] } });
    expect((await verifyAuditChain(t.vault.db)).ok).toBe(true);
  });
});
