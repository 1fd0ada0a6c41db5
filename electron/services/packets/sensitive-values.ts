import { isClassDisclosed, type DisclosureProfile } from '../../../shared/domain/disclosure-profile';
import type { ContactRole } from '../../../shared/domain/enums';
import type { SensitivityClass } from '../../../shared/domain/field-sensitivity';
import type { CaseDto, ContactDto } from '../../../shared/domain/records';
import { kinshipLabelOf } from '../../../shared/domain/kinship';
import { formsOf } from './identity-forms';
import { compactOf } from './normalise';

/**
 * Every sensitive value known to a case, with the label that replaces it in a
 * packet and whether the profile withholds it. Works on plain DTOs, so the
 * packet builder, the preview and the tests all see the same list.
 */

export type SensitiveKind = 'name' | 'date_of_birth' | 'identity_document' | 'phone' | 'email' | 'handle' | 'address' | 'city';

export interface SensitiveValue {
  value: string;
  kind: SensitiveKind;
  /** What replaces the value wherever it is withheld: "CK-2026-0042", "Relative A (mother)", "[phone of Relative A]". */
  label: string;
  sensitivityClass: SensitivityClass;
  /** Whose value it is; a city belongs to the records that mention it ('place', id = the folded city name). */
  subject: { entity: 'client' | 'contact' | 'place'; id: string };
  withheld: boolean;
}

export interface CaseSubjects {
  caseRecord: CaseDto;
  /** Contacts linked to the case. Their order does not matter: labels are assigned in id order. */
  contacts: readonly ContactDto[];
}

export interface SubjectLabel {
  /** The name shown in the packet: the real name when disclosed, otherwise the pseudonym or role label. */
  label: string;
  named: boolean;
  role: ContactRole | null;
}

const ROLE_NOUNS: Readonly<Record<ContactRole, string>> = {
  family_home: 'Relative',
  family_abroad: 'Relative',
  friend: 'Friend',
  lawyer: 'Lawyer',
  interpreter: 'Interpreter',
  journalist: 'Journalist',
  official: 'Official',
  witness: 'Witness',
  perpetrator: 'Perpetrator',
  informant: 'Informant',
  organisation: 'Organisation',
};

const KIND_WORDS: Readonly<Record<Exclude<SensitiveKind, 'name' | 'city'>, string>> = {
  date_of_birth: 'date of birth',
  identity_document: 'ID document',
  phone: 'phone',
  email: 'e-mail',
  handle: 'handle',
  address: 'address',
};

/** A, B, … Z, AA, AB … */
function letter(n: number): string {
  let out = '';
  for (let i = n; i >= 0; i = Math.floor(i / 26) - 1) out = String.fromCharCode(65 + (i % 26)) + out;
  return out;
}

function roleOf(contact: ContactDto, caseId: string): { role: ContactRole; relationship: string } {
  const link = contact.links.find((l) => l.caseId === caseId);
  // A contact with no link to this case is treated as the most protected kind of third party.
  return link ? { role: link.role, relationship: link.relationship.trim() } : { role: 'family_home', relationship: '' };
}

function contactNameClass(role: ContactRole): SensitivityClass {
  return role === 'perpetrator' ? 'perpetrator' : 'third_party';
}

function contactNamed(contact: ContactDto, role: ContactRole, profile: DisclosureProfile): boolean {
  if (contact.sensitivity === 'never_disclose') return false;
  const cls = contactNameClass(role);
  if (!isClassDisclosed(profile, cls)) return false;
  return cls === 'perpetrator' || profile.relatives === 'named';
}

function clientNamed(profile: DisclosureProfile): boolean {
  return profile.clientIdentity === 'named' && isClassDisclosed(profile, 'identity');
}

/** How each person appears in the packet: by id, the client under the case's id. */
export function subjectLabels({ caseRecord, contacts }: CaseSubjects, profile: DisclosureProfile): Map<string, SubjectLabel> {
  const labels = new Map<string, SubjectLabel>();
  const named = clientNamed(profile);
  labels.set(caseRecord.id, { label: named ? caseRecord.client.legalName : caseRecord.code, named, role: null });
  const counters = new Map<string, number>();
  for (const contact of [...contacts].sort((a, b) => a.id.localeCompare(b.id))) {
    const { role, relationship } = roleOf(contact, caseRecord.id);
    if (contactNamed(contact, role, profile)) {
      labels.set(contact.id, { label: contact.name, named: true, role });
      continue;
    }
    const noun = ROLE_NOUNS[role];
    const n = counters.get(noun) ?? 0;
    counters.set(noun, n + 1);
    // Never the relationship as typed ("father, lives in Tangxia"): only a kinship term from the vocabulary.
    const kinship = noun === 'Relative' ? kinshipLabelOf(relationship) : '';
    const suffix = kinship !== '' ? ` (${kinship})` : '';
    labels.set(contact.id, { label: `${noun} ${letter(n)}${suffix}`, named: false, role });
  }
  return labels;
}

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.\p{L}{2,}/gu;
const PHONE = /\+?[\p{Nd}(][\p{Nd}\s().\-/]{5,}\p{Nd}/gu;

/** E-mail addresses and phone numbers written inside a free-text field such as "safe contact methods". */
function contactDetailsIn(text: string): Array<{ kind: 'email' | 'phone'; value: string }> {
  const found: Array<{ kind: 'email' | 'phone'; value: string }> = [];
  for (const m of text.matchAll(EMAIL)) found.push({ kind: 'email', value: m[0] });
  for (const m of text.replace(EMAIL, ' ').matchAll(PHONE)) {
    if (m[0].replace(/\D/gu, '').length >= 7) found.push({ kind: 'phone', value: m[0].trim() });
  }
  return found;
}

/** "1960-12-25", "25.12.1960", "12/25/1960": a date, not a phone number. */
const DATE_LIKE = /^\d{1,4}[-./]\d{1,2}[-./]\d{1,4}$/u;

function digitsOf(text: string): string {
  return text.normalize('NFKC').replace(/\D/gu, '');
}

function nonEmpty(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter((v) => v.length > 0))];
}

/** Every sensitive value of the case's client and contacts, each with its label and whether this profile withholds it. */
export function collectSensitiveValues(subjects: CaseSubjects, profile: DisclosureProfile): SensitiveValue[] {
  const { caseRecord, contacts } = subjects;
  const labels = subjectLabels(subjects, profile);
  const out: SensitiveValue[] = [];
  const push = (subject: SensitiveValue['subject'], owner: SubjectLabel, kind: SensitiveKind, cls: SensitivityClass, withheld: boolean, values: readonly string[]) => {
    for (const value of nonEmpty(values)) {
      const label = kind === 'name' || kind === 'city' ? owner.label : `[${KIND_WORDS[kind]} of ${owner.label}]`;
      out.push({ value, kind, label, sensitivityClass: cls, subject, withheld });
    }
  };

  const client = caseRecord.client;
  const clientLabel = labels.get(caseRecord.id)!;
  const clientSubject = { entity: 'client' as const, id: client.id };
  const clientHidden = !clientLabel.named;
  push(clientSubject, clientLabel, 'name', 'identity', clientHidden, [client.legalName, ...client.originalNames, ...client.aliases]);
  push(clientSubject, clientLabel, 'date_of_birth', 'identity', clientHidden, client.dateOfBirth ? [client.dateOfBirth] : []);
  // "Passport CN E12345678": the whole entry, and the number alone as it is often written in statements.
  const documentsHidden = clientHidden || !isClassDisclosed(profile, 'identity_document');
  push(clientSubject, clientLabel, 'identity_document', 'identity_document', documentsHidden, client.identityDocuments);
  // Numbers in the free text that belong to someone else (a relative's phone, a date, an ID number) are not the client's.
  const othersDigits = new Set(
    contacts
      .flatMap((c) => [...c.phones.flatMap((p) => formsOf('phone', p)), ...c.handles.flatMap((h) => formsOf('handle', h)), ...c.identityDocuments.flatMap((d) => formsOf('identity_document', d)), ...(c.dateOfBirth ? formsOf('date_of_birth', c.dateOfBirth) : [])])
      .filter((f) => f.stream === 'digits')
      .map((f) => f.s)
      .filter((d) => d.length >= 6),
  );
  for (const { kind, value } of contactDetailsIn(client.safeContactMethods)) {
    if (kind === 'phone' && (DATE_LIKE.test(value.trim()) || [...othersDigits].some((d) => d.endsWith(digitsOf(value).slice(-7)) || digitsOf(value).endsWith(d.slice(-7))))) continue;
    push(clientSubject, clientLabel, kind, 'contact_details', clientHidden || !isClassDisclosed(profile, 'contact_details'), [value]);
  }

  for (const contact of contacts) {
    const owner = labels.get(contact.id)!;
    const subject = { entity: 'contact' as const, id: contact.id };
    const hidden = !owner.named;
    const nameClass = contactNameClass(owner.role ?? 'family_home');
    push(subject, owner, 'name', nameClass, hidden, [contact.name, ...contact.originalNames, ...contact.aliases]);
    const detailsHidden = hidden || !isClassDisclosed(profile, 'contact_details');
    push(subject, owner, 'phone', 'contact_details', detailsHidden, contact.phones);
    push(subject, owner, 'email', 'contact_details', detailsHidden, contact.emails);
    push(subject, owner, 'handle', 'contact_details', detailsHidden, contact.handles);
    push(subject, owner, 'address', 'precise_location', hidden || !isClassDisclosed(profile, 'precise_location'), [contact.address]);
    // A contact's date of birth and ID numbers are recorded only to keep them out: no packet prints them, whoever the contact is.
    push(subject, owner, 'date_of_birth', 'identity', true, contact.dateOfBirth ? [contact.dateOfBirth] : []);
    push(subject, owner, 'identity_document', 'identity_document', true, contact.identityDocuments);
    for (const { kind, value } of contactDetailsIn(contact.address)) push(subject, owner, kind, 'contact_details', detailsHidden, [value]);
  }
  return out;
}

export interface PlaceMention {
  city: string;
  country: string;
}

/**
 * Cities the case's records mention, withheld when the profile generalises
 * places to the country, and `alsoHidden` ones (lower case) under any profile:
 * each becomes "[city in China]" in free text. A city
 * spelled like a country that appears in the packet ("Singapore") is left
 * alone, since the country itself may be shown.
 */
export function placeValues(places: readonly PlaceMention[], profile: DisclosureProfile, alsoHidden: PlaceSet = new PlaceSet([])): SensitiveValue[] {
  const allHidden = profile.places === 'country' || !isClassDisclosed(profile, 'precise_location');
  const countries = new Set(places.map((p) => compactOf(p.country)).filter((c) => c !== ''));
  const out = new Map<string, SensitiveValue>();
  for (const { city, country } of places) {
    const value = city.trim();
    const key = compactOf(value);
    if ([...key].length < 2 || countries.has(key) || out.has(key)) continue;
    const label = country.trim() ? `[city in ${country.trim()}]` : '[city]';
    out.set(key, { value, kind: 'city', label, sensitivityClass: 'precise_location', subject: { entity: 'place', id: key }, withheld: allHidden || alsoHidden.has(value) });
  }
  return [...out.values()];
}

/**
 * Places that point to someone shown only by role: their town and the parts
 * of their address, recognised in any spelling the identity forms know
 * ("温州", "溫州市", "Wenzhou"), so a threat's place that is their home
 * town is generalised to the country wherever it is printed.
 */
export class PlaceSet {
  private readonly keys = new Set<string>();

  constructor(places: ReadonlyArray<{ city: string; address: string }>) {
    for (const { city, address } of places) {
      if (city.trim() !== '') for (const key of placeKeys('city', city)) this.keys.add(key);
      if (address.trim() !== '') for (const key of placeKeys('address', address)) this.keys.add(key);
    }
  }

  /** Answers per place name, for the many threats of one packet that share a few towns. */
  private readonly answers = new Map<string, boolean>();

  has(place: string): boolean {
    const name = place.trim();
    if (name === '') return false;
    let answer = this.answers.get(name);
    if (answer === undefined) {
      answer = placeKeys('city', name).some((key) => this.keys.has(key));
      this.answers.set(name, answer);
    }
    return answer;
  }
}

function placeKeys(kind: 'city' | 'address', value: string): string[] {
  return [compactOf(value), ...formsOf(kind, value).filter((f) => f.stream === 'text' && !f.partial).map((f) => f.s)].filter((k) => [...k].length >= 2);
}

/** The values this profile keeps out of the packet: what the scrubber replaces and the leak scan looks for. */
export function withheldValues(values: readonly SensitiveValue[]): SensitiveValue[] {
  return values.filter((v) => v.withheld);
}
