import { allowsEvidence, isClassDisclosed, isFieldDisclosed, type DisclosureProfile } from '../../../shared/domain/disclosure-profile';
import { SENSITIVITY_CLASSES, type SensitivityClass } from '../../../shared/domain/field-sensitivity';
import {
  PACKET_FORMAT,
  PACKET_FORMAT_VERSION,
  type PacketDocument,
  type PacketEvidence,
  type PacketField,
  type PacketPerson,
  type PacketText,
  type PacketThreat,
  type TemplateAnswers,
} from '../../../shared/domain/packet';
import {
  CHANNEL_LABELS,
  IMMIGRATION_LABELS,
  RECIPIENT_TYPE_LABELS,
  ROLE_LABELS,
  TEMPLATE_OF,
  TEMPLATE_TITLES,
  VERIFICATION_LABELS,
  packetDate,
} from '../../../shared/domain/packet-labels';
import type { CaseDto, ConsentDto, ContactDto, EvidenceDto, ReferralDto, ThreatDto } from '../../../shared/domain/records';
import type { ConsentGate } from '../../../shared/ipc/packets-contract';
import { tacticOf } from '../../../shared/taxonomy';
import { purposeLabel } from '../../../shared/purposes';
import { field, templateSectionsFor } from './packet-templates';
import { createScrubber, mergeRedactions, scrubText, type KeptOccurrence, type Redaction, type Scrubber } from './scrub';
import { collectSensitiveValues, PlaceSet, placeValues, subjectLabels, withheldValues, type SensitiveValue, type SubjectLabel } from './sensitive-values';

/**
 * Builds the content of a referral packet from a case's records: decides per
 * field what goes in (profile narrowed by consent), labels people, scrubs
 * every free text, and says why export is not possible yet. Pure: the same
 * records give the same document, so the preview shows exactly what export
 * writes.
 */

export interface PacketSource {
  caseRecord: CaseDto;
  /** Contacts linked to the case. */
  contacts: readonly ContactDto[];
  threats: readonly ThreatDto[];
  evidence: readonly EvidenceDto[];
  referral: ReferralDto;
  profile: DisclosureProfile;
  gate: ConsentGate;
  organisation: { name: string; contact: string };
}

export interface PacketChoices {
  threatIds: readonly string[];
  evidenceIds: readonly string[];
  includeAsIs: readonly string[];
  templateAnswers: TemplateAnswers;
  /** Possible matches the caseworker kept as written (scrubPart.key). */
  keepPossible?: readonly string[];
}

export interface PacketMeta {
  packetId: string;
  generatedAt: string;
  generatorVersion: string;
}

export type EvidenceTreatmentPlan = 'clean' | 'as_is';

export interface EvidencePlan {
  evidenceId: string;
  ref: string;
  treatment: EvidenceTreatmentPlan;
}

export interface EvidenceOptionInfo {
  id: string;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  allowed: boolean;
  treatment: EvidenceTreatmentPlan;
  reason: string;
}

export interface BuiltPacket {
  document: PacketDocument;
  /** The profile after the consent's narrowing. */
  effective: DisclosureProfile;
  /** Every value the packet must not contain: what the leak scan looks for. */
  withheld: SensitiveValue[];
  /** Values the packet shows: a withheld name they share is only a possible match. */
  disclosed: SensitiveValue[];
  /** Possible matches kept as written, for the leak scan to let through. */
  kept: KeptOccurrence[];
  evidencePlan: EvidencePlan[];
  evidenceOptions: EvidenceOptionInfo[];
  blockers: string[];
}

/** Raster images Casekeeper can re-encode without their metadata. SVG is markup, not an image to clean. */
const CLEANABLE = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/gif', 'image/tiff', 'image/avif', 'image/heic', 'image/heif']);

export function treatmentOf(mediaType: string): EvidenceTreatmentPlan {
  return CLEANABLE.has(mediaType.split(';')[0]!.trim().toLowerCase()) ? 'clean' : 'as_is';
}

const CLASS_WORDS: Readonly<Record<SensitivityClass, string>> = {
  identity: 'the client’s name and date of birth',
  identity_document: 'ID and passport numbers',
  contact_details: 'phone numbers, e-mail addresses and messaging handles',
  precise_location: 'addresses and cities',
  country: 'countries',
  sensitive_attribute: 'ethnicity, religion and political activity',
  immigration: 'immigration status',
  incident: 'what happened',
  perpetrator: 'who the alleged perpetrators are',
  third_party: 'names of relatives, witnesses and other people',
  evidence_metadata: 'facts about evidence files',
  case_metadata: 'the case summary',
  internal: 'internal notes',
};

/** The profile as the consent allows it: a consent for sharing without the name pseudonymises; one without evidence drops evidence. */
export function narrowByConsent(profile: DisclosureProfile, consent: ConsentDto | null): DisclosureProfile {
  if (!consent) return profile;
  return {
    ...profile,
    clientIdentity: consent.scopeIdentity === 'pseudonymised' ? 'pseudonymised' : profile.clientIdentity,
    evidence: consent.scopeEvidence ? profile.evidence : [],
  };
}

/** "E2" before "E10". */
/** A purpose as printed: the vocabulary labels, then the caseworker's detail if any. */
function purposeText(purposeIds: readonly string[], detail: string): string {
  const labels = purposeIds.map(purposeLabel).join('; ');
  return detail.trim() === '' ? labels : `${labels}: ${detail.trim()}`;
}

function byRefNumber(a: string, b: string): number {
  return Number(a.slice(1)) - Number(b.slice(1));
}

function twoDigits(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function byDateThenId<T extends { id: string }>(date: (item: T) => string) {
  return (a: T, b: T) => date(a).localeCompare(date(b)) || a.id.localeCompare(b.id);
}

export function buildPacket(source: PacketSource, choices: PacketChoices, meta: PacketMeta): BuiltPacket {
  const { caseRecord, contacts, referral, gate } = source;
  const consent = gate.state === 'consent' ? gate.consent : null;
  const profile = narrowByConsent(source.profile, consent);
  const answers = choices.templateAnswers;
  const blockers: string[] = [];

  // What goes in: the chosen threats and evidence of this case, in date order.
  const chosenThreats = new Set(choices.threatIds);
  const threats = source.threats.filter((t) => chosenThreats.has(t.id)).sort(byDateThenId((t) => t.occurredFrom));
  const chosenEvidence = new Set(choices.evidenceIds);
  const asIs = new Set(choices.includeAsIs);
  const evidenceOptions = source.evidence.map((e) => evidenceOption(e, profile, consent));
  const evidence = source.evidence
    .filter((e) => chosenEvidence.has(e.id) && evidenceOptions.find((o) => o.id === e.id)!.allowed)
    .sort(byDateThenId((e) => e.collectedAt));
  for (const e of evidence) {
    if (treatmentOf(e.mediaType) === 'as_is' && !asIs.has(e.id)) {
      blockers.push(`“${e.fileName}” cannot be cleaned of hidden metadata (${e.mediaType}). Tick “Include as is” to send it unchanged (the manifest records that), or leave it out.`);
    }
  }

  // Who is who, and what must not appear.
  const subjects = { caseRecord, contacts };
  const labels = subjectLabels(subjects, profile);
  const places = [
    ...source.threats.map((t) => ({ city: t.city, country: t.country })),
    ...contacts.map((c) => ({ city: c.city, country: c.country })),
  ];
  // The home town of someone shown only by role would point to them: it is generalised everywhere, not only on their entry.
  const roleOnly = contacts.filter((c) => !labels.get(c.id)?.named);
  const roleOnlyIds = new Set(roleOnly.map((c) => c.id));
  // A threat aimed at someone shown only by role happened where they are: its place points to them as well.
  const targetedPlaces = source.threats.filter((t) => t.targetContactId !== null && roleOnlyIds.has(t.targetContactId)).map((t) => ({ city: t.city, address: '' }));
  const roleOnlyCities = new PlaceSet([...roleOnly, ...targetedPlaces]);
  const values = [...collectSensitiveValues(subjects, profile), ...placeValues(places, profile, roleOnlyCities)];
  const withheld = withheldValues(values);
  const disclosed = values.filter((v) => !v.withheld);
  const scrubber = createScrubber(withheld, { disclosed, keep: choices.keepPossible ?? [] });
  const texts: Redaction[][] = [];
  const scrub = (text: string): PacketText => {
    const result = scrubText(text, scrubber);
    texts.push(result.redactions);
    return { text: result.text, parts: result.parts };
  };

  const threatRefs = new Map(threats.map((t, i) => [t.id, `T${i + 1}`]));
  const evidenceRefs = new Map(evidence.map((e, i) => [e.id, `E${i + 1}`]));
  const place = (city: string, country: string): string => placeText(profile, scrubber, roleOnlyCities.has(city) ? '' : city, country);

  const clientLabel = labels.get(caseRecord.id)!;
  const subject = clientPerson(caseRecord, clientLabel, profile, scrub);

  // People: whoever the included threats name, as targets or perpetrators.
  const mentioned = new Set(threats.flatMap((t) => [...(t.targetContactId ? [t.targetContactId] : []), ...t.perpetratorIds]));
  const people = contacts
    .filter((c) => mentioned.has(c.id))
    .map((c) => contactPerson(c, labels.get(c.id)!, caseRecord.id, profile, scrub, place))
    .sort((a, b) => a.label.localeCompare(b.label))
    .map((p, i) => ({ ...p, ref: `P${i + 1}` }));
  const labelOf = (contactId: string): string => labels.get(contactId)?.label ?? 'Unknown person';

  const timeline: PacketThreat[] = threats.map((t) => ({
    ref: threatRefs.get(t.id)!,
    date: packetDate(t.datePrecision, t.occurredFrom, t.occurredTo),
    occurredFrom: t.datePrecision === 'exact' || t.datePrecision === 'range' ? t.occurredFrom : t.occurredFrom.slice(0, t.datePrecision === 'year' ? 4 : 7),
    occurredTo: t.datePrecision === 'range' ? t.occurredTo : null,
    datePrecision: t.datePrecision,
    tactic: tacticText(t, scrub),
    channel: CHANNEL_LABELS[t.channel],
    place: place(t.city, t.country),
    target: t.targetContactId ? labelOf(t.targetContactId) : clientLabel.label,
    perpetrators: isClassDisclosed(profile, 'perpetrator') ? t.perpetratorIds.map(labelOf) : t.perpetratorIds.map(() => 'Withheld'),
    severity: t.severity,
    verification: VERIFICATION_LABELS[t.verification],
    description: isFieldDisclosed(profile, 'threat', 'description') ? scrub(t.description) : scrub(''),
    evidenceRefs: t.evidenceIds.filter((id) => evidenceRefs.has(id)).map((id) => evidenceRefs.get(id)!).sort(byRefNumber),
  }));

  const evidencePlan: EvidencePlan[] = evidence.map((e) => ({ evidenceId: e.id, ref: evidenceRefs.get(e.id)!, treatment: treatmentOf(e.mediaType) }));
  const packetEvidence: PacketEvidence[] = evidence.map((e, i) => {
    const metadata = isClassDisclosed(profile, 'evidence_metadata');
    return {
      ref: evidenceRefs.get(e.id)!,
      // The real extension is known once the copy is made (export fills in path, type, size and hash).
      path: `evidence/E${twoDigits(i + 1)}`,
      originalName: scrub(metadata ? e.fileName : ''),
      mediaType: e.mediaType,
      sizeBytes: e.sizeBytes,
      sha256: '',
      originalSha256: e.sha256,
      treatment: treatmentOf(e.mediaType) === 'clean' ? 're_encoded' : 'included_as_is',
      collectedAt: metadata ? e.collectedAt.slice(0, 10) : '',
      collectedHow: scrub(metadata ? e.collectedHow : ''),
      description: scrub(metadata ? e.description : ''),
      threatRefs: e.threatIds.filter((id) => threatRefs.has(id)).map((id) => threatRefs.get(id)!).sort(byRefNumber),
    };
  });

  if (gate.state === 'blocked') blockers.unshift(gate.message);
  const template = TEMPLATE_OF[referral.recipientType];
  if (template === 'interpol_ccf' && answers.requestType === null) blockers.push('Choose what the request to the CCF is for: access to, correction of or deletion of data.');

  const templateSections = templateSectionsFor(template, { answers, subject, timeline, profile, organisation: source.organisation, scrub });
  const documentConsent: PacketDocument['consent'] =
    gate.state === 'consent'
      ? {
          kind: 'consent',
          consentId: gate.consent.id,
          givenOn: gate.consent.givenOn,
          expiresOn: gate.consent.expiresOn,
          obtainedHow: gate.consent.obtainedHow,
          scopeIdentity: gate.consent.scopeIdentity,
          scopeEvidence: gate.consent.scopeEvidence,
          purpose: scrub(purposeText(gate.consent.purposeIds, gate.consent.purposeDetail)),
        }
      : { kind: 'override', reason: scrub(gate.state === 'override' ? gate.reason : '') };

  const document: PacketDocument = {
    format: PACKET_FORMAT,
    formatVersion: PACKET_FORMAT_VERSION,
    packetId: meta.packetId,
    generatedAt: meta.generatedAt,
    generator: { name: 'Casekeeper', version: meta.generatorVersion },
    template,
    title: TEMPLATE_TITLES[template],
    referringOrganisation: { ...source.organisation },
    recipient: {
      type: referral.recipientType,
      typeLabel: RECIPIENT_TYPE_LABELS[referral.recipientType],
      organisation: scrub(referral.recipientOrg).text,
      referenceNumber: scrub(referral.referenceNumber).text,
    },
    purpose: scrub(purposeText([referral.purposeId], referral.purposeDetail)),
    profile: { id: source.profile.id, label: source.profile.label },
    consent: documentConsent,
    caseCode: caseRecord.code,
    subject,
    summary: isFieldDisclosed(profile, 'case', 'summary') ? scrub(caseRecord.summary) : scrub(''),
    people,
    timeline,
    evidence: packetEvidence,
    templateSections,
    disclosureNotes: disclosureNotes(source.profile, profile, consent, contacts, evidence.length > 0, caseRecord.code),
    redactions: [],
  };
  document.redactions = mergeRedactions(texts);
  return { document, effective: profile, withheld, disclosed, kept: scrubber.kept, evidencePlan, evidenceOptions, blockers };
}

function evidenceOption(e: EvidenceDto, profile: DisclosureProfile, consent: ConsentDto | null): EvidenceOptionInfo {
  const treatment = treatmentOf(e.mediaType);
  const base = { id: e.id, fileName: e.fileName, mediaType: e.mediaType, sizeBytes: e.sizeBytes, treatment };
  if (consent && !consent.scopeEvidence) return { ...base, allowed: false, reason: 'The client’s consent does not cover sharing evidence files.' };
  if (!allowsEvidence(profile, e.mediaType)) return { ...base, allowed: false, reason: `The profile “${profile.label}” does not send files of this type (${e.mediaType}).` };
  return {
    ...base,
    allowed: true,
    reason: treatment === 'clean' ? 'A re-encoded copy without hidden metadata (location, camera, thumbnails) is sent.' : 'Casekeeper cannot remove hidden metadata from this type: it can only go unchanged.',
  };
}

function placeText(profile: DisclosureProfile, scrubber: Scrubber, city: string, country: string): string {
  const parts: string[] = [];
  if (city.trim() && profile.places === 'city' && isClassDisclosed(profile, 'precise_location')) parts.push(scrubText(city.trim(), scrubber).text);
  if (country.trim() && isClassDisclosed(profile, 'country')) parts.push(country.trim());
  return parts.length > 0 ? parts.join(', ') : city.trim() || country.trim() ? 'Withheld' : 'Not recorded';
}

function tacticText(t: ThreatDto, scrub: (text: string) => PacketText): string {
  const tactic = tacticOf(t.tacticId);
  const name = tactic ? `${tactic.category.label}: ${tactic.subtype.label}` : 'Other';
  return t.tacticOther.trim() ? `${name} (${scrub(t.tacticOther.trim()).text})` : name;
}


function clientPerson(caseRecord: CaseDto, label: SubjectLabel, profile: DisclosureProfile, scrub: (text: string) => PacketText): PacketPerson {
  const c = caseRecord.client;
  const fields: PacketField[] = [];
  const add = (name: keyof typeof c, title: string, value: string) => {
    const cls = isFieldDisclosed(profile, 'client', name);
    const identity = name === 'originalNames' || name === 'aliases' || name === 'dateOfBirth' || name === 'identityDocuments';
    if (!cls || (identity && !label.named) || value.trim() === '') return;
    fields.push(field(`client.${name}`, title, scrub(value)));
  };
  add('originalNames', 'Name in original script', c.originalNames.join(', '));
  add('aliases', 'Other names and transliterations', c.aliases.join(', '));
  add('dateOfBirth', 'Date of birth', c.dateOfBirth ?? '');
  add('identityDocuments', 'Identity documents', c.identityDocuments.join('; '));
  add('nationality', 'Nationality', c.nationality);
  add('residenceCountry', 'Country of residence', c.residenceCountry);
  add('immigrationStatus', 'Immigration status', c.immigrationStatus === 'unknown' ? '' : IMMIGRATION_LABELS[c.immigrationStatus]);
  add('languages', 'Languages', c.languages.join(', '));
  add('safeContactMethods', 'Safe ways to contact', c.safeContactMethods);
  add('safeContactTimes', 'Safe times to contact', c.safeContactTimes);
  add('ethnicity', 'Ethnicity', c.ethnicity);
  add('religion', 'Religion', c.religion);
  add('politicalActivity', 'Political or human-rights activity', c.politicalActivity);
  return { ref: 'P0', label: label.label, named: label.named, role: 'client', fields };
}

function contactPerson(
  contact: ContactDto,
  label: SubjectLabel,
  caseId: string,
  profile: DisclosureProfile,
  scrub: (text: string) => PacketText,
  place: (city: string, country: string) => string,
): PacketPerson {
  const role = label.role ?? 'family_home';
  const fields: PacketField[] = [field('contact.role', 'Role', scrub(ROLE_LABELS[role]))];
  // People the client asked never to name are shown by role only: not even their country.
  if (contact.sensitivity !== 'never_disclose') {
    const relationship = contact.links.find((l) => l.caseId === caseId)?.relationship.trim() ?? '';
    if (label.named && relationship && isFieldDisclosed(profile, 'contact', 'relationship')) fields.push(field('contact.relationship', 'Relationship to the client', scrub(relationship)));
    if (label.named) {
      if (contact.originalNames.length > 0) fields.push(field('contact.originalNames', 'Name in original script', scrub(contact.originalNames.join(', '))));
      if (contact.aliases.length > 0) fields.push(field('contact.aliases', 'Other names', scrub(contact.aliases.join(', '))));
      if (isClassDisclosed(profile, 'contact_details')) {
        const details = [...contact.phones, ...contact.emails, ...contact.handles].join(', ');
        if (details) fields.push(field('contact.details', 'Phone, e-mail, handles', scrub(details)));
      }
      if (contact.address.trim() && profile.places === 'city' && isClassDisclosed(profile, 'precise_location')) fields.push(field('contact.address', 'Address', scrub(contact.address)));
    }
    // Someone shown by role is placed by country only: a relative's home town can identify them.
    const where = label.named ? place(contact.city, contact.country) : place('', contact.country);
    if (where !== 'Not recorded' && where !== 'Withheld') fields.push(field('contact.place', 'Place', scrub(where)));
  }
  return { ref: '', label: label.label, named: label.named, role, fields };
}

function disclosureNotes(
  chosen: DisclosureProfile,
  effective: DisclosureProfile,
  consent: ConsentDto | null,
  contacts: readonly ContactDto[],
  hasEvidence: boolean,
  caseCode: string,
): string[] {
  const notes: string[] = [];
  if (effective.clientIdentity === 'pseudonymised' || !isClassDisclosed(effective, 'identity')) notes.push(`The client is identified only by the case code ${caseCode}.`);
  if (chosen.clientIdentity === 'named' && effective.clientIdentity === 'pseudonymised') notes.push('The client consented to this referral without being named.');
  if (effective.relatives === 'role_labels' || !isClassDisclosed(effective, 'third_party')) notes.push('Relatives and other people are named by their role (for example “Relative A (mother)”), not by name.');
  if (contacts.some((c) => c.sensitivity === 'never_disclose')) notes.push('People the client asked never to be named are shown by their role only.');
  if (effective.places === 'country' || !isClassDisclosed(effective, 'precise_location')) notes.push('Places are given at country level only.');
  if (consent && !consent.scopeEvidence) notes.push('The client’s consent does not cover evidence files, so none are included.');
  if (hasEvidence) notes.push('Evidence images are re-encoded copies: hidden metadata such as location, camera details and thumbnails is removed.');
  const left = SENSITIVITY_CLASSES.filter((cls) => cls !== 'internal' && !isClassDisclosed(effective, cls)).map((cls) => CLASS_WORDS[cls]);
  if (left.length > 0) notes.push(`Not included for this recipient: ${left.join('; ')}.`);
  notes.push('Internal notes and the case’s working history are never included.');
  return notes;
}
