import { CONTACT_ROLES, RECIPIENT_TYPES, RISK_LEVELS, THREAT_CHANNELS, VERIFICATIONS } from '../../shared/domain/enums';
import { PURPOSES } from '../../shared/purposes';
import { safeFileName } from '../../electron/services/evidence/evidence.service';
import type { TestHost } from '../host/server';
import { payloadAt, XSS_CORPUS, type HostilePayload } from '../support/xss-corpus';
import { call, isoDay } from './helpers';

/**
 * The whole XSS corpus through the test host's API: for each payload a case
 * whose every text field holds it (or, where the field is shorter than the
 * payload, another payload that fits), with a contact, a threat, evidence,
 * a referral, a consent (every other one withdrawn), a note and a task.
 * The returned values are what each screen must show, exactly.
 */

export interface SeededCase {
  payload: HostilePayload;
  caseId: string;
  code: string;
  client: Record<'legalName' | 'nationality' | 'residenceCountry' | 'safeContactMethods' | 'safeContactTimes' | 'ethnicity' | 'religion' | 'politicalActivity', string>;
  lists: { originalNames: string[]; aliases: string[]; languages: string[] };
  assignedTo: string;
  summary: string;
  riskReason: string | null;
  contact: { name: string; relationship: string; country: string; city: string; phone: string; email: string; handle: string; address: string; notes: string };
  threat: { tacticOther: string; country: string; city: string; description: string };
  evidence: { fileName: string; shownName: string; content: string; mediaType: string; how: string; by: string; from: string; description: string };
  referral: { org: string; purpose: string; reference: string; followUpOn: string };
  consent: { org: string; purpose: string; withdrawal: string | null };
  note: string;
  task: { title: string; assignedTo: string; dueOn: string };
}

const MEDIA_TYPES = ['text/plain', 'text/html', 'image/svg+xml', 'application/json'] as const;

export async function seedCorpus(host: TestHost, caseworkerName: string): Promise<SeededCase[]> {
  await call(host, 'settings:update', { caseworkerName });
  const seeded: SeededCase[] = [];
  for (const [i, payload] of XSS_CORPUS.entries()) {
    const fit = (max: number) => (payload.text.length <= max ? payload.text : payloadAt(i, max).text);
    const text = payload.text;
    const client = {
      legalName: fit(200),
      nationality: fit(80),
      residenceCountry: fit(80),
      safeContactMethods: text,
      safeContactTimes: fit(500),
      ethnicity: fit(200),
      religion: fit(200),
      politicalActivity: text,
    };
    const lists = { originalNames: [fit(200)], aliases: [fit(200), payloadAt(i + 7).text], languages: [fit(80)] };
    const created = await call<{ id: string; code: string; version: number }>(host, 'cases:create', {
      client: { ...client, ...lists, immigrationStatus: 'asylum_seeker', dateOfBirth: null },
      case: { riskLevel: 'low', priority: 'high', assignedTo: fit(200), summary: text },
    });
    const risk = RISK_LEVELS[i % RISK_LEVELS.length]!;
    const riskReason = risk === 'low' ? null : fit(500);
    if (riskReason !== null) await call(host, 'cases:update', { id: created.id, version: created.version, patch: { riskLevel: risk }, riskReason });

    const contact = {
      name: fit(200),
      relationship: fit(100),
      country: fit(80),
      city: fit(120),
      phone: fit(60),
      email: fit(200),
      handle: payloadAt(i + 3).text,
      address: text,
      notes: `${text}\n${text}`,
    };
    const savedContact = await call<{ id: string }>(host, 'contacts:create', {
      caseId: created.id,
      role: CONTACT_ROLES[i % CONTACT_ROLES.length],
      relationship: contact.relationship,
      contact: {
        name: contact.name, originalNames: [payloadAt(i + 1).text], aliases: [payloadAt(i + 2).text], kind: 'person', country: contact.country, city: contact.city,
        phones: [contact.phone], emails: [contact.email], handles: [contact.handle], address: contact.address, notes: contact.notes,
      },
    });

    const threat = { tacticOther: fit(500), country: fit(80), city: fit(120), description: text };
    const savedThreat = await call<{ id: string }>(host, 'threats:create', {
      caseId: created.id,
      threat: {
        tacticId: 'other.other', tacticOther: threat.tacticOther, datePrecision: 'exact', occurredFrom: isoDay(-1 - (i % 10)), occurredTo: null,
        country: threat.country, city: threat.city, channel: THREAT_CHANNELS[i % THREAT_CHANNELS.length], targetContactId: i % 2 === 0 ? savedContact.id : null,
        perpetratorIds: [savedContact.id], evidenceIds: [], description: threat.description, severity: 1 + (i % 5), verification: VERIFICATIONS[i % VERIFICATIONS.length],
      },
    });

    const fileName = fit(255);
    const evidence = {
      fileName,
      shownName: safeFileName(fileName),
      content: `${text}\n`,
      mediaType: MEDIA_TYPES[i % MEDIA_TYPES.length]!,
      how: fit(500),
      by: fit(200),
      from: fit(500),
      description: text,
    };
    await call(host, 'evidence:add', {
      caseId: created.id,
      evidence: {
        fileName, mediaType: evidence.mediaType, collectedAt: new Date().toISOString(), collectedHow: evidence.how, collectedBy: evidence.by, collectedFrom: evidence.from,
        description: evidence.description,
      },
      dataBase64: Buffer.from(evidence.content, 'utf8').toString('base64'),
      threatIds: [savedThreat.id],
    });

    const followUpOn = isoDay([-2, 3, 40][i % 3]!);
    const referral = { org: fit(200), purpose: text, reference: fit(120), followUpOn };
    const savedReferral = await call<{ id: string }>(host, 'referrals:create', {
      caseId: created.id,
      referral: {
        recipientType: RECIPIENT_TYPES[i % RECIPIENT_TYPES.length], recipientOrg: referral.org, purposeDetail: referral.purpose, status: 'sent', sentOn: isoDay(-60),
        followUpOn, referenceNumber: referral.reference, threatIds: [savedThreat.id],
      },
    });

    const withdrawal = i % 2 === 0 ? fit(1000) : null;
    const consent = { org: fit(200), purpose: text, withdrawal };
    const savedConsent = await call<{ id: string; version: number }>(host, 'consents:create', {
      caseId: created.id,
      consent: {
        recipientType: RECIPIENT_TYPES[i % RECIPIENT_TYPES.length], recipientOrg: consent.org, purposeIds: [PURPOSES.generalFor(RECIPIENT_TYPES[i % RECIPIENT_TYPES.length]!).id], purposeDetail: consent.purpose, scopeIdentity: 'pseudonymised', scopeEvidence: true,
        obtainedHow: 'written', givenOn: isoDay(-10), expiresOn: null,
      },
    });
    if (withdrawal !== null) await call(host, 'consents:withdraw', { id: savedConsent.id, version: savedConsent.version, withdrawnOn: isoDay(0), note: withdrawal });

    await call(host, 'notes:create', { caseId: created.id, body: text });
    const task = { title: fit(300), assignedTo: fit(200), dueOn: isoDay([-1, 0, 2][i % 3]!) };
    await call(host, 'tasks:create', { caseId: created.id, task: { ...task, referralId: savedReferral.id } });

    seeded.push({
      payload, caseId: created.id, code: created.code, client, lists, assignedTo: fit(200), summary: text, riskReason, contact, threat, evidence, referral, consent, note: text, task,
    });
  }
  return seeded;
}
