import { z } from 'zod';
import { CONTACT_ROLES, RISK_LEVELS } from '../../../shared/domain/enums';
import {
  EVIDENCE_MAX_BYTES,
  caseFields,
  clientFields,
  consentFields,
  contactFields,
  evidenceFields,
  isoDay,
  isoInstant,
  recordId,
  referralFields,
  taskFields,
  threatFields,
  version,
} from '../../../shared/domain/records';
import { mapLegacyPurpose } from '../../db/migrations/0006_structured_purposes';

/**
 * The "casekeeper-export" interchange format: a whole vault's records as one
 * JSON document (docs/interchange-format.md). Field rules come from the same
 * zod shapes the app validates at its IPC boundary, so a file can never hold
 * what a caseworker could not have typed. Objects are strict: an unknown field
 * is an error, not something silently dropped.
 *
 * Versioning: formatVersion goes up on any change an older reader would
 * misread (a field renamed, removed or given a new meaning). A reader refuses
 * versions newer than its own with a clear message.
 */
export const EXPORT_FORMAT = 'casekeeper-export';
/**
 * 2: structured purposes (referral purposeId + purposeDetail + consentId,
 * consent purposeIds + purposeDetail) and contact dateOfBirth and
 * identityDocuments. Version 1 files still import, converted on reading.
 */
export const EXPORT_FORMAT_VERSION = 2;
export const EXPORT_SCHEMA_ID = 'urn:casekeeper:schema:casekeeper-export:v2';

/** Every stored record keeps its id, version and timestamps, so a round trip changes nothing. */
const recordMeta = { id: recordId, version, createdAt: isoInstant, updatedAt: isoInstant };
const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/, 'Use the SHA-256 as 64 lower-case hexadecimal digits.');
// Upper case only: erasing a case asks for its code and compares it upper-cased.
const caseCode = z
  .string()
  .regex(/^[A-Z0-9](?:[A-Z0-9-]{0,38}[A-Z0-9])?$/, 'Use a case code of capital letters, digits and hyphens, like CK-2026-0042.');
const text = (max: number) => z.string().max(max, `Keep this under ${max} characters.`);

export const exportContact = contactFields.extend(recordMeta);
/** Format 1 had no dateOfBirth or identityDocuments on contacts. */
const contactV1 = contactFields
  .omit({ dateOfBirth: true, identityDocuments: true })
  .extend(recordMeta)
  .transform((contact) => ({ ...contact, dateOfBirth: null, identityDocuments: [] as string[] }));
// identityDocuments came with schema 5; files written before it simply have none.
export const exportClient = clientFields.extend({ ...recordMeta, identityDocuments: clientFields.shape.identityDocuments.default([]) });
export const exportRiskChange = z.strictObject({
  id: recordId,
  riskLevel: z.enum(RISK_LEVELS),
  changedAt: isoInstant,
  changedBy: text(200),
  reason: text(500),
});
export const exportContactLink = z.strictObject({
  /** A contact in the document's top-level `contacts`. */
  contactId: recordId,
  role: z.enum(CONTACT_ROLES),
  relationship: text(100),
});
/** perpetratorIds and targetContactId name linked contacts of the same case; evidenceIds name that case's evidence. */
export const exportThreat = threatFields.extend(recordMeta);
export const exportEvidence = evidenceFields.extend({
  ...recordMeta,
  sizeBytes: z.number().int().min(1).max(EVIDENCE_MAX_BYTES),
  sha256: sha256Hex,
  /** The original's bytes, standard base64 with padding. */
  dataBase64: z.string().max(Math.ceil(EVIDENCE_MAX_BYTES / 3) * 4, 'This file is larger than 64 MiB.'),
});
/**
 * threatIds name threats of the same case; consentId names a consent of the
 * same case for the same recipient type. purposeId is from the purpose
 * vocabulary (resources/purposes/referral-purposes.json).
 */
export const exportReferral = referralFields.extend(recordMeta);
/**
 * Format 1 carried a free-text `purpose`: it becomes the detail and is mapped
 * to a vocabulary id exactly as migration 0006 maps a vault's.
 */
const referralV1 = referralFields
  .omit({ purposeId: true, purposeDetail: true, consentId: true })
  .extend({ ...recordMeta, purpose: text(1000) })
  .transform(({ purpose, ...rest }) => ({ ...rest, purposeId: mapLegacyPurpose(rest.recipientType, purpose), purposeDetail: purpose.trim(), consentId: null }));
const consentMeta = { ...recordMeta, recordedBy: text(200), withdrawnOn: isoDay.nullable(), withdrawalNote: text(1000) };
export const exportConsent = consentFields.extend(consentMeta);
const consentV1 = consentFields
  .omit({ purposeIds: true, purposeDetail: true })
  .extend({ ...consentMeta, purpose: text(1000).min(1, 'This is required.') })
  .transform(({ purpose, ...rest }) => ({ ...rest, purposeIds: [mapLegacyPurpose(rest.recipientType, purpose)], purposeDetail: purpose.trim() }));
export const exportNote = z.strictObject({ ...recordMeta, body: z.string().min(1, 'A note cannot be empty.').max(20_000), author: text(200) });
/** referralId names a referral of the same case. */
export const exportTask = taskFields.extend({ ...recordMeta, doneAt: isoInstant.nullable() });

function caseOf<R extends z.ZodType, C extends z.ZodType>(referral: R, consent: C) {
  return caseFields.extend({
    ...recordMeta,
    code: caseCode,
    archivedAt: isoInstant.nullable(),
    client: exportClient,
    riskHistory: z.array(exportRiskChange),
    contactLinks: z.array(exportContactLink),
    threats: z.array(exportThreat),
    evidence: z.array(exportEvidence),
    referrals: z.array(referral),
    consents: z.array(consent),
    notes: z.array(exportNote),
    tasks: z.array(exportTask),
  });
}

function documentOf<V extends number, P extends z.ZodType, K extends z.ZodType>(formatVersion: V, contact: P, kase: K) {
  return z.strictObject({
    format: z.literal(EXPORT_FORMAT),
    formatVersion: z.literal(formatVersion),
    exportedAt: isoInstant,
    /** The program that wrote the file, for people reading it; never interpreted. */
    generator: text(200),
    /** Contacts once each; cases link to them, so one official harassing two clients stays one contact. */
    contacts: z.array(contact),
    cases: z.array(kase),
  });
}

export const exportCase = caseOf(exportReferral, exportConsent);
export const exportDocument = documentOf(EXPORT_FORMAT_VERSION, exportContact, exportCase);
/** Format 1, read into the current shapes. */
const exportDocumentV1 = documentOf(1, contactV1, caseOf(referralV1, consentV1));

/** The schema a file is read with: its own format version's, converted to the current shapes. */
export function readerFor(formatVersion: unknown): z.ZodType<ExportDocument, unknown> {
  if (formatVersion === 1) return exportDocumentV1.transform((doc) => ({ ...doc, formatVersion: EXPORT_FORMAT_VERSION })) as unknown as z.ZodType<ExportDocument, unknown>;
  return exportDocument as unknown as z.ZodType<ExportDocument, unknown>;
}

export type ExportDocument = z.infer<typeof exportDocument>;
export type ExportCase = z.infer<typeof exportCase>;
export type ExportContact = z.infer<typeof exportContact>;
export type ExportThreat = z.infer<typeof exportThreat>;
export type ExportEvidence = z.infer<typeof exportEvidence>;
export type ExportReferral = z.infer<typeof exportReferral>;
export type ExportConsent = z.infer<typeof exportConsent>;
export type ExportNote = z.infer<typeof exportNote>;
export type ExportTask = z.infer<typeof exportTask>;

/** The JSON Schema committed at resources/schemas/casekeeper-export.v2.schema.json (v1's stays beside it). */
export function exportJsonSchema(): Record<string, unknown> {
  const generated = z.toJSONSchema(exportDocument, { target: 'draft-2020-12', io: 'input' }) as Record<string, unknown>;
  const { $schema, ...rest } = generated;
  return {
    $schema,
    $id: EXPORT_SCHEMA_ID,
    title: `Casekeeper export, format version ${EXPORT_FORMAT_VERSION}`,
    description:
      'A whole Casekeeper vault as JSON: contacts, and cases with their client, risk history, contact links, threats, evidence (bytes in base64 with SHA-256), referrals, consents, notes and tasks. Contains all case data in plaintext. Generated from electron/services/interchange/format.ts; see docs/interchange-format.md.',
    ...rest,
  };
}

/** The schema file's exact text (2-space JSON, trailing newline). */
export function renderExportJsonSchema(): string {
  return `${JSON.stringify(exportJsonSchema(), null, 2)}\n`;
}

/** A JSON path for messages: $.cases[3].threats[0].tacticId */
export function jsonPath(segments: readonly PropertyKey[]): string {
  let path = '$';
  for (const segment of segments) {
    if (typeof segment === 'number') path += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(segment)) path += `.${segment}`;
    else path += `[${JSON.stringify(String(segment))}]`;
  }
  return path;
}
