/**
 * Sensitivity class of every record field that could go into a referral
 * packet (DESIGN §6). Disclosure profiles list the classes they let through,
 * so what leaves the vault is decided per class, never per screen.
 *
 * A field missing here has no class: the disclosure engine withholds it. A new
 * field therefore stays in the vault until someone classifies it here and a
 * profile includes its class.
 */
export const SENSITIVITY_CLASSES = [
  /** Names of the client, in every script, and other direct identifiers (date of birth). */
  'identity',
  /** ID card, passport and other document numbers. */
  'identity_document',
  /** Phones, e-mails, messaging handles, how and when to reach someone. */
  'contact_details',
  /** Street addresses and cities: where someone can be found. */
  'precise_location',
  /** Country-level places: nationality, residence, where an incident happened. */
  'country',
  /** Ethnicity, religion, political activity (special-category data). */
  'sensitive_attribute',
  'immigration',
  /** What happened: tactic, dates, channel, description, severity. */
  'incident',
  /** Who did it: perpetrators and agents. */
  'perpetrator',
  /** People other than the client and the perpetrators: relatives, witnesses, friends. */
  'third_party',
  /** Facts about evidence files: name, type, hash, how they were collected. */
  'evidence_metadata',
  /** The case's code, status, dates and summary, and the referral's own fields. */
  'case_metadata',
  /** Notes and working fields. No profile may include this class. */
  'internal',
] as const;
export type SensitivityClass = (typeof SENSITIVITY_CLASSES)[number];

/** The class that can never leave the vault, whatever a profile says. */
export const NEVER_DISCLOSED_CLASS: SensitivityClass = 'internal';

export const DISCLOSABLE_ENTITIES = ['case', 'client', 'contact', 'threat', 'evidence', 'referral'] as const;
export type DisclosableEntity = (typeof DISCLOSABLE_ENTITIES)[number];

export const FIELD_SENSITIVITY: Readonly<Record<string, SensitivityClass>> = Object.freeze({
  'case.code': 'case_metadata',
  'case.status': 'case_metadata',
  'case.priority': 'case_metadata',
  'case.riskLevel': 'case_metadata',
  'case.openedOn': 'case_metadata',
  'case.closedOn': 'case_metadata',
  'case.summary': 'case_metadata',
  'case.assignedTo': 'internal',
  'case.riskHistory': 'internal',

  'client.legalName': 'identity',
  'client.originalNames': 'identity',
  'client.aliases': 'identity',
  'client.dateOfBirth': 'identity',
  'client.identityDocuments': 'identity_document',
  'client.nationality': 'country',
  'client.residenceCountry': 'country',
  'client.immigrationStatus': 'immigration',
  'client.languages': 'case_metadata',
  'client.safeContactMethods': 'contact_details',
  'client.safeContactTimes': 'contact_details',
  'client.ethnicity': 'sensitive_attribute',
  'client.religion': 'sensitive_attribute',
  'client.politicalActivity': 'sensitive_attribute',

  // A contact's name is 'third_party'; for perpetrators their values are classed 'perpetrator' instead (electron/services/packets/sensitive-values.ts).
  'contact.kind': 'third_party',
  'contact.name': 'third_party',
  'contact.originalNames': 'third_party',
  'contact.aliases': 'third_party',
  'contact.role': 'third_party',
  'contact.relationship': 'third_party',
  'contact.phones': 'contact_details',
  'contact.emails': 'contact_details',
  'contact.handles': 'contact_details',
  'contact.address': 'precise_location',
  'contact.city': 'precise_location',
  'contact.country': 'country',
  'contact.notes': 'internal',
  'contact.sensitivity': 'internal',

  'threat.tacticId': 'incident',
  'threat.tacticOther': 'incident',
  'threat.datePrecision': 'incident',
  'threat.occurredFrom': 'incident',
  'threat.occurredTo': 'incident',
  'threat.country': 'country',
  'threat.city': 'precise_location',
  'threat.channel': 'incident',
  'threat.targetContactId': 'third_party',
  'threat.perpetratorIds': 'perpetrator',
  'threat.evidenceIds': 'evidence_metadata',
  'threat.description': 'incident',
  'threat.severity': 'incident',
  'threat.verification': 'incident',

  'evidence.fileName': 'evidence_metadata',
  'evidence.mediaType': 'evidence_metadata',
  'evidence.sizeBytes': 'evidence_metadata',
  'evidence.sha256': 'evidence_metadata',
  'evidence.collectedAt': 'evidence_metadata',
  'evidence.collectedHow': 'evidence_metadata',
  'evidence.collectedBy': 'internal',
  'evidence.collectedFrom': 'precise_location',
  'evidence.description': 'evidence_metadata',

  'referral.recipientType': 'case_metadata',
  'referral.recipientOrg': 'case_metadata',
  'referral.purpose': 'case_metadata',
  'referral.referenceNumber': 'case_metadata',
  'referral.sentOn': 'case_metadata',
  'referral.status': 'internal',
  'referral.outcome': 'internal',
  'referral.followUpOn': 'internal',

  'note.body': 'internal',
});

/** The class of `entity.field`, or undefined for a field nobody has classified yet (which is withheld). */
export function classOf(entity: string, field: string): SensitivityClass | undefined {
  const key = `${entity}.${field}`;
  return Object.hasOwn(FIELD_SENSITIVITY, key) ? FIELD_SENSITIVITY[key] : undefined;
}
