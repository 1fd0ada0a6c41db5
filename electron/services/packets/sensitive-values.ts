import { isClassDisclosed, type DisclosureProfile } from '../../../shared/domain/disclosure-profile';
import type { ContactRole } from '../../../shared/domain/enums';
import type { SensitivityClass } from '../../../shared/domain/field-sensitivity';
import type { CaseDto, ContactDto } from '../../../shared/domain/records';
import type { MatchKind } from './normalise';

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
    const suffix = noun === 'Relative' && relationship !== '' ? ` (${relationship})` : '';
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
  push(clientSubject, clientLabel, 'date_of_birth', 'identity', clientHidden, dateForms(client.dateOfBirth));
  // "Passport CN E12345678": the whole entry, and the number alone as it is often written in statements.
  const documentsHidden = clientHidden || !isClassDisclosed(profile, 'identity_document');
  push(clientSubject, clientLabel, 'identity_document', 'identity_document', documentsHidden, [...client.identityDocuments, ...client.identityDocuments.flatMap(documentNumbers)]);
  for (const { kind, value } of contactDetailsIn(client.safeContactMethods)) {
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
    push(subject, owner, 'handle', 'contact_details', detailsHidden, contact.handles.flatMap(handleForms));
    // A handle that is really a phone number ("+86 138…" as a WeChat ID) is also matched in its other written forms.
    const phoneHandles = contact.handles.flatMap(handleForms).filter((h) => /^[\p{Nd}\s+().\-/]+$/u.test(h.trim()) && h.replace(/\D/gu, '').length >= 7);
    push(subject, owner, 'phone', 'contact_details', detailsHidden, phoneHandles);
    push(subject, owner, 'address', 'precise_location', hidden || !isClassDisclosed(profile, 'precise_location'), [contact.address]);
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
export function placeValues(places: readonly PlaceMention[], profile: DisclosureProfile, alsoHidden: ReadonlySet<string> = new Set()): SensitiveValue[] {
  const allHidden = profile.places === 'country' || !isClassDisclosed(profile, 'precise_location');
  const countries = new Set(places.map((p) => p.country.trim().toLowerCase()).filter((c) => c !== ''));
  const out = new Map<string, SensitiveValue>();
  for (const { city, country } of places) {
    const value = city.trim();
    const key = value.toLowerCase();
    if (value.length < 2 || countries.has(key) || out.has(key)) continue;
    const label = country.trim() ? `[city in ${country.trim()}]` : '[city]';
    out.set(key, { value, kind: 'city', label, sensitivityClass: 'precise_location', subject: { entity: 'place', id: key }, withheld: allHidden || alsoHidden.has(key) });
  }
  return [...out.values()];
}

/** The values this profile keeps out of the packet: what the scrubber replaces and the leak scan looks for. */
export function withheldValues(values: readonly SensitiveValue[]): SensitiveValue[] {
  return values.filter((v) => v.withheld);
}

/** How a value is matched in text. */
export function matchKindOf(value: SensitiveValue): MatchKind {
  return value.kind === 'phone' ? 'phone' : 'text';
}

/**
 * A handle as written in the record and as written elsewhere: "WeChat: xiuying_1962"
 * is also "xiuying_1962", "@li_wei" also "li_wei".
 */
function handleForms(handle: string): string[] {
  const forms = [handle];
  const bare = handle.includes(':') ? handle.slice(handle.indexOf(':') + 1).trim() : handle.trim();
  if (bare.length >= 3) forms.push(bare);
  if (bare.startsWith('@') && bare.length >= 4) forms.push(bare.slice(1));
  return forms;
}

/** The number-like tokens of an ID document entry ("Passport CN E12345678" → "E12345678"). */
function documentNumbers(entry: string): string[] {
  return entry.split(/\s+/u).filter((token) => /\p{Nd}/u.test(token) && token.replace(/[^\p{L}\p{Nd}]/gu, '').length >= 5);
}

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** The ways a date of birth is written in statements: ISO, day-first, month-first, Chinese, English month names. */
function dateForms(isoDay: string | null): string[] {
  const m = isoDay ? /^(\d{4})-(\d{2})-(\d{2})$/.exec(isoDay) : null;
  if (!m) return [];
  const [, y, mm, dd] = m as unknown as [string, string, string, string];
  const month = Number(mm);
  const day = Number(dd);
  const name = MONTHS[month - 1] ?? '';
  return nonEmpty([
    `${y}-${mm}-${dd}`,
    `${y}-${month}-${day}`,
    `${dd}.${mm}.${y}`,
    `${day}.${month}.${y}`,
    `${mm}/${dd}/${y}`,
    `${month}/${day}/${y}`,
    `${y}年${month}月${day}日`,
    `${day} ${name} ${y}`,
    `${name} ${day} ${y}`,
  ]);
}
