import { z } from 'zod';
import {
  CASE_STATUSES,
  CONSENT_IDENTITY_SCOPES,
  CONSENT_OBTAINED,
  CONTACT_KINDS,
  CONTACT_ROLES,
  DATE_PRECISIONS,
  IMMIGRATION_STATUSES,
  PRIORITIES,
  RECIPIENT_TYPES,
  REFERRAL_OUTCOMES,
  REFERRAL_STATUSES,
  RISK_LEVELS,
  SENSITIVITIES,
  THREAT_CHANNELS,
  VERIFICATIONS,
} from './enums';

/**
 * Data shapes of case records as they cross IPC and the interchange format:
 * inputs (what the UI may send) and DTOs (what the services return).
 * Field names are camelCase here; the database uses snake_case.
 */
export const recordId = z.string().uuid('Not a valid record id.');
export const isoDay = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'Use a date like 2026-03-15.');
export const isoInstant = z.string().datetime({ offset: true });
export const version = z.number().int().min(1);
const line = (max = 200) => z.string().trim().max(max, `Keep this under ${max} characters.`);
const required = (max = 200) => line(max).min(1, 'This is required.');
const longText = z.string().max(20_000, 'Keep this under 20,000 characters.');
const list = (max = 200) => z.array(required(max)).max(50, 'At most 50 entries.');
const country = line(80);

// ---- cases and clients ----------------------------------------------------

export const clientFields = z.strictObject({
  legalName: required(200),
  originalNames: list(),
  aliases: list(),
  /** ID card and passport numbers, e.g. "Passport CN E12345678". */
  identityDocuments: list(120),
  dateOfBirth: isoDay.nullable(),
  nationality: country,
  residenceCountry: country,
  immigrationStatus: z.enum(IMMIGRATION_STATUSES),
  languages: list(80),
  safeContactMethods: line(1000),
  safeContactTimes: line(500),
  ethnicity: line(200),
  religion: line(200),
  politicalActivity: line(2000),
});
export type ClientFields = z.infer<typeof clientFields>;
export const clientDto = clientFields.extend({ id: recordId, version, updatedAt: z.string() });
export type ClientDto = z.infer<typeof clientDto>;

export const caseFields = z.strictObject({
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  riskLevel: z.enum(RISK_LEVELS),
  assignedTo: line(200),
  openedOn: isoDay,
  closedOn: isoDay.nullable(),
  summary: longText,
});
export type CaseFields = z.infer<typeof caseFields>;

export const riskChangeDto = z.strictObject({
  riskLevel: z.enum(RISK_LEVELS),
  changedAt: z.string(),
  changedBy: z.string(),
  reason: z.string(),
});
export type RiskChangeDto = z.infer<typeof riskChangeDto>;

export const caseDto = caseFields.extend({
  id: recordId,
  code: z.string(),
  archivedAt: z.string().nullable(),
  version,
  createdAt: z.string(),
  updatedAt: z.string(),
  client: clientDto,
  riskHistory: z.array(riskChangeDto),
});
export type CaseDto = z.infer<typeof caseDto>;

export const caseCreateInput = z.strictObject({
  client: clientFields.partial().required({ legalName: true }),
  case: caseFields.partial().optional(),
});
export type CaseCreateInput = z.infer<typeof caseCreateInput>;

export const caseUpdateInput = z.strictObject({
  id: recordId,
  version,
  patch: caseFields.partial(),
  /** Why the risk level changed, kept in its dated history. */
  riskReason: line(500).optional(),
});
export const clientUpdateInput = z.strictObject({ id: recordId, version, patch: clientFields.partial() });

export const CASE_SORT_FIELDS = ['code', 'client', 'status', 'risk', 'opened', 'updated'] as const;
export const caseListQuery = z.strictObject({
  statuses: z.array(z.enum(CASE_STATUSES)).max(10).optional(),
  riskLevels: z.array(z.enum(RISK_LEVELS)).max(10).optional(),
  /** A tactic category id or subtype id: cases with at least one such threat. */
  tactic: line(100).optional(),
  assignedTo: line(200).optional(),
  /** Type-ahead over case code and every client name form. */
  text: line(200).optional(),
  archived: z.enum(['exclude', 'include', 'only']).default('exclude'),
  sort: z.enum(CASE_SORT_FIELDS).default('updated'),
  direction: z.enum(['asc', 'desc']).default('desc'),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(100),
});
export type CaseListQuery = z.input<typeof caseListQuery>;

export const caseListItem = z.strictObject({
  id: recordId,
  code: z.string(),
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  riskLevel: z.enum(RISK_LEVELS),
  assignedTo: z.string(),
  openedOn: z.string(),
  clientName: z.string(),
  clientOriginalNames: z.array(z.string()),
  archived: z.boolean(),
  threatCount: z.number().int(),
  updatedAt: z.string(),
});
export type CaseListItem = z.infer<typeof caseListItem>;
export const caseListPage = z.strictObject({ items: z.array(caseListItem), total: z.number().int() });
export type CaseListPage = z.infer<typeof caseListPage>;

// ---- contacts ---------------------------------------------------------------

export const contactFields = z.strictObject({
  kind: z.enum(CONTACT_KINDS),
  name: required(200),
  originalNames: list(),
  aliases: list(),
  sensitivity: z.enum(SENSITIVITIES),
  country,
  city: line(120),
  phones: list(60),
  emails: list(200),
  handles: list(200),
  address: line(1000),
  notes: longText,
  /** Never shown in packets: kept so a relative's birth date and ID numbers can be kept out of them. */
  dateOfBirth: isoDay.nullable(),
  identityDocuments: list(120),
});
export type ContactFields = z.infer<typeof contactFields>;

export const contactLinkDto = z.strictObject({
  caseId: recordId,
  caseCode: z.string(),
  role: z.enum(CONTACT_ROLES),
  relationship: z.string(),
});
export const contactDto = contactFields.extend({
  id: recordId,
  version,
  updatedAt: z.string(),
  links: z.array(contactLinkDto),
});
export type ContactDto = z.infer<typeof contactDto>;

export const contactCreateInput = z.strictObject({
  caseId: recordId,
  role: z.enum(CONTACT_ROLES),
  relationship: line(100).default(''),
  /** Sensitivity defaults from the role: relatives in the home country are "never disclose". */
  contact: contactFields.partial().required({ name: true }),
});
export const contactLinkInput = z.strictObject({
  caseId: recordId,
  contactId: recordId,
  role: z.enum(CONTACT_ROLES),
  relationship: line(100).default(''),
});
export const contactUpdateInput = z.strictObject({ id: recordId, version, patch: contactFields.partial() });
export const contactListQuery = z.strictObject({
  text: line(200).optional(),
  caseId: recordId.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export const contactListPage = z.strictObject({ items: z.array(contactDto), total: z.number().int() });

// ---- threats ----------------------------------------------------------------

const threatObject = z.strictObject({
  tacticId: required(100),
  tacticOther: line(500),
  datePrecision: z.enum(DATE_PRECISIONS),
  occurredFrom: isoDay,
  occurredTo: isoDay.nullable(),
  country,
  city: line(120),
  channel: z.enum(THREAT_CHANNELS),
  /** null: the client was targeted; otherwise the contact who was. */
  targetContactId: recordId.nullable(),
  perpetratorIds: z.array(recordId).max(50),
  evidenceIds: z.array(recordId).max(200),
  description: longText,
  severity: z.number().int().min(1).max(5),
  verification: z.enum(VERIFICATIONS),
});
export const threatFields = threatObject;
export type ThreatFields = z.infer<typeof threatFields>;
export const threatDto = threatFields.extend({ id: recordId, caseId: recordId, version, createdAt: z.string(), updatedAt: z.string() });
export type ThreatDto = z.infer<typeof threatDto>;
export const threatCreateInput = z.strictObject({ caseId: recordId, threat: threatFields });
export const threatUpdateInput = z.strictObject({ id: recordId, version, patch: threatObject.partial() });

// ---- evidence ---------------------------------------------------------------

/** Largest file accepted as evidence. Larger files are refused with a clear message. */
export const EVIDENCE_MAX_BYTES = 64 * 1024 * 1024;
export const evidenceFields = z.strictObject({
  fileName: required(255),
  mediaType: required(120),
  collectedAt: isoInstant,
  collectedHow: line(500),
  collectedBy: line(200),
  collectedFrom: line(500),
  description: longText,
});
export const evidenceDto = evidenceFields.extend({
  id: recordId,
  caseId: recordId,
  sizeBytes: z.number().int(),
  sha256: z.string(),
  threatIds: z.array(recordId),
  version,
  createdAt: z.string(),
});
export type EvidenceDto = z.infer<typeof evidenceDto>;
export const evidenceAddInput = z.strictObject({
  caseId: recordId,
  evidence: evidenceFields,
  /** The file's bytes, base64. */
  dataBase64: z.string().max(Math.ceil(EVIDENCE_MAX_BYTES / 3) * 4 + 4, 'This file is larger than 64 MiB. Split it or keep it outside Casekeeper.'),
  threatIds: z.array(recordId).max(200).default([]),
});
export const evidenceUpdateInput = z.strictObject({
  id: recordId,
  version,
  patch: z.strictObject({ description: longText.optional(), threatIds: z.array(recordId).max(200).optional() }),
});
export const evidenceContentDto = z.strictObject({ mediaType: z.string(), fileName: z.string(), dataBase64: z.string() });

// ---- referrals, consent, notes, tasks ------------------------------------------

export const referralFields = z.strictObject({
  recipientType: z.enum(RECIPIENT_TYPES),
  recipientOrg: required(200),
  /** An id from the purpose vocabulary (shared/purposes.ts) for this recipient type. */
  purposeId: required(100),
  /** Free text about the purpose; printed in the packet, never used to match consent. */
  purposeDetail: line(1000),
  /** The consent the client gave for this referral, when one was recorded from it. */
  consentId: recordId.nullable(),
  status: z.enum(REFERRAL_STATUSES),
  outcome: z.enum(REFERRAL_OUTCOMES).nullable(),
  referenceNumber: line(120),
  sentOn: isoDay.nullable(),
  followUpOn: isoDay.nullable(),
  threatIds: z.array(recordId).max(500),
});
export const referralDto = referralFields.extend({
  id: recordId,
  caseId: recordId,
  caseCode: z.string(),
  version,
  createdAt: z.string(),
  updatedAt: z.string(),
  followUpOverdue: z.boolean(),
});
export type ReferralDto = z.infer<typeof referralDto>;
export const referralCreateInput = z.strictObject({ caseId: recordId, referral: referralFields.partial().required({ recipientType: true, recipientOrg: true }) });
export const referralUpdateInput = z.strictObject({ id: recordId, version, patch: referralFields.partial() });
export const referralListQuery = z.strictObject({
  statuses: z.array(z.enum(REFERRAL_STATUSES)).max(10).optional(),
  caseId: recordId.optional(),
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(200),
});
export const referralListPage = z.strictObject({ items: z.array(referralDto), total: z.number().int() });

export const consentFields = z.strictObject({
  recipientType: z.enum(RECIPIENT_TYPES),
  recipientOrg: line(200),
  /** Ids from the purpose vocabulary for this recipient type: the consent covers referrals with any of them. */
  purposeIds: z.array(required(100)).min(1, 'Choose at least one purpose.').max(30),
  purposeDetail: line(1000),
  scopeIdentity: z.enum(CONSENT_IDENTITY_SCOPES),
  scopeEvidence: z.boolean(),
  obtainedHow: z.enum(CONSENT_OBTAINED),
  givenOn: isoDay,
  expiresOn: isoDay.nullable(),
});
export const consentDto = consentFields.extend({
  id: recordId,
  caseId: recordId,
  recordedBy: z.string(),
  withdrawnOn: z.string().nullable(),
  withdrawalNote: z.string(),
  state: z.enum(['valid', 'expired', 'withdrawn']),
  version,
  createdAt: z.string(),
});
export type ConsentDto = z.infer<typeof consentDto>;
export const consentCreateInput = z.strictObject({
  caseId: recordId,
  consent: consentFields,
  /** Recorded from a referral: the referral is linked to this consent. */
  referralId: recordId.optional(),
});
export const consentWithdrawInput = z.strictObject({ id: recordId, version, withdrawnOn: isoDay, note: line(1000) });

export const noteDto = z.strictObject({ id: recordId, caseId: recordId, body: z.string(), author: z.string(), version, createdAt: z.string(), updatedAt: z.string() });
export type NoteDto = z.infer<typeof noteDto>;
export const noteCreateInput = z.strictObject({ caseId: recordId, body: longText.min(1, 'Write something first.') });
export const noteUpdateInput = z.strictObject({ id: recordId, version, body: longText.min(1, 'Write something first.') });

export const taskFields = z.strictObject({
  title: required(300),
  dueOn: isoDay,
  assignedTo: line(200),
  referralId: recordId.nullable(),
});
export const taskDto = taskFields.extend({ id: recordId, caseId: recordId, doneAt: z.string().nullable(), version, createdAt: z.string() });
export type TaskDto = z.infer<typeof taskDto>;
export const taskCreateInput = z.strictObject({ caseId: recordId, task: taskFields.partial().required({ title: true, dueOn: true }) });
export const taskUpdateInput = z.strictObject({ id: recordId, version, patch: taskFields.partial().extend({ done: z.boolean().optional() }) });

// ---- audit ------------------------------------------------------------------

export const fieldChange = z.strictObject({ field: z.string(), from: z.unknown(), to: z.unknown() });
export type FieldChange = z.infer<typeof fieldChange>;
export const auditEntryDto = z.strictObject({
  seq: z.number().int(),
  at: z.string(),
  actor: z.string(),
  action: z.string(),
  entity: z.string(),
  entityId: z.string(),
  caseId: z.string().nullable(),
  /** null once an erasure redacted it. */
  changes: z.array(fieldChange).nullable(),
});
export type AuditEntryDto = z.infer<typeof auditEntryDto>;
export const auditVerifyResult = z.strictObject({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBrokenSeq: z.number().int().nullable(),
  problem: z.string().nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;

export const byId = z.strictObject({ id: recordId });
export const byCase = z.strictObject({ caseId: recordId });
export const deleteInput = z.strictObject({ id: recordId, version });
