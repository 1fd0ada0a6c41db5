import type { Insertable, Selectable, Updateable } from 'kysely';

/** One interface per table; the Database type is assembled from them. */
export interface SettingsTable {
  key: string;
  /** JSON-encoded value. */
  value: string;
  updated_at: string;
}

export interface VaultMetaTable {
  key: string;
  value: string;
}

/** Columns every editable record has. */
interface RecordColumns {
  id: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface CaseFileTable extends RecordColumns {
  code: string;
  status: string;
  priority: string;
  risk_level: string;
  assigned_to: string;
  opened_on: string;
  closed_on: string | null;
  summary: string;
  archived_at: string | null;
}

export interface RiskChangeTable {
  id: string;
  case_id: string;
  risk_level: string;
  changed_at: string;
  changed_by: string;
  reason: string;
}

export interface ClientTable extends RecordColumns {
  case_id: string;
  legal_name: string;
  sort_name: string;
  /** JSON: string[] — names in original scripts. */
  original_names: string;
  /** JSON: string[] — aliases and transliterations. */
  aliases: string;
  /** JSON: string[] — ID card and passport numbers, e.g. "Passport CN E12345678". */
  identity_documents: string;
  date_of_birth: string | null;
  nationality: string;
  residence_country: string;
  immigration_status: string;
  /** JSON: string[] */
  languages: string;
  safe_contact_methods: string;
  safe_contact_times: string;
  ethnicity: string;
  religion: string;
  political_activity: string;
}

export interface ContactTable extends RecordColumns {
  kind: string;
  name: string;
  sort_name: string;
  original_names: string;
  aliases: string;
  sensitivity: string;
  country: string;
  city: string;
  phones: string;
  emails: string;
  handles: string;
  address: string;
  notes: string;
  date_of_birth: string | null;
  /** JSON string[]. */
  identity_documents: string;
}

export interface CaseContactTable {
  case_id: string;
  contact_id: string;
  role: string;
  relationship: string;
}

export interface ThreatTable extends RecordColumns {
  case_id: string;
  tactic_id: string;
  tactic_other: string;
  date_precision: string;
  occurred_from: string;
  occurred_to: string | null;
  country: string;
  city: string;
  channel: string;
  target_contact_id: string | null;
  description: string;
  severity: number;
  verification: string;
}

export interface ThreatPerpetratorTable {
  threat_id: string;
  contact_id: string;
}

export interface EvidenceTable extends RecordColumns {
  case_id: string;
  file_name: string;
  media_type: string;
  size_bytes: number;
  sha256: string;
  collected_at: string;
  collected_how: string;
  collected_by: string;
  collected_from: string;
  description: string;
}

export interface EvidenceChunkTable {
  evidence_id: string;
  seq: number;
  data: Buffer;
}

export interface ThreatEvidenceTable {
  threat_id: string;
  evidence_id: string;
}

export interface ReferralTable extends RecordColumns {
  case_id: string;
  recipient_type: string;
  recipient_org: string;
  /** Since 0006 the purpose's free-text detail; purpose_id says what the referral is for. */
  purpose: string;
  purpose_id: string;
  consent_id: string | null;
  status: string;
  outcome: string | null;
  reference_number: string;
  sent_on: string | null;
  follow_up_on: string | null;
}

export interface ReferralThreatTable {
  referral_id: string;
  threat_id: string;
}

export interface ConsentTable extends RecordColumns {
  case_id: string;
  recipient_type: string;
  recipient_org: string;
  /** Since 0006 the free-text detail; purpose_ids (JSON string[]) says what the consent covers. */
  purpose: string;
  purpose_ids: string;
  scope_identity: string;
  scope_evidence: number;
  obtained_how: string;
  recorded_by: string;
  given_on: string;
  expires_on: string | null;
  withdrawn_on: string | null;
  withdrawal_note: string;
}

export interface NoteTable extends RecordColumns {
  case_id: string;
  body: string;
  author: string;
}

export interface TaskTable extends RecordColumns {
  case_id: string;
  referral_id: string | null;
  title: string;
  due_on: string;
  assigned_to: string;
  done_at: string | null;
}

export interface AuditEntryTable {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string;
  case_id: string | null;
  /** JSON field-level diff; NULL once redacted by an erasure. */
  diff: string | null;
  diff_salt: string | null;
  diff_hash: string;
  prev_hash: string;
  hash: string;
}

export interface DisclosureProfileTable {
  id: string;
  /** JSON: a DisclosureProfile (shared/domain/disclosure-profile.ts). */
  body: string;
  source: 'modified' | 'custom';
  updated_at: string;
  updated_by: string;
}

export interface PacketExportTable {
  id: string;
  packet_id: string;
  case_id: string;
  referral_id: string;
  created_at: string;
  created_by: string;
  file_name: string;
  recipient_type: string;
  profile_id: string;
  profile_label: string;
  consent_id: string | null;
  override_reason: string | null;
  manifest_sha256: string;
  sealed: number;
  threat_count: number;
  evidence_count: number;
  redaction_count: number;
}

export interface Database {
  settings: SettingsTable;
  vault_meta: VaultMetaTable;
  case_file: CaseFileTable;
  risk_change: RiskChangeTable;
  client: ClientTable;
  contact: ContactTable;
  case_contact: CaseContactTable;
  threat: ThreatTable;
  threat_perpetrator: ThreatPerpetratorTable;
  evidence: EvidenceTable;
  evidence_chunk: EvidenceChunkTable;
  threat_evidence: ThreatEvidenceTable;
  referral: ReferralTable;
  referral_threat: ReferralThreatTable;
  consent: ConsentTable;
  note: NoteTable;
  task: TaskTable;
  audit_entry: AuditEntryTable;
  disclosure_profile: DisclosureProfileTable;
  packet_export: PacketExportTable;
}

export type SettingRow = Selectable<SettingsTable>;
export type CaseFileRow = Selectable<CaseFileTable>;
export type NewCaseFile = Insertable<CaseFileTable>;
export type CaseFileUpdate = Updateable<CaseFileTable>;
export type ClientRow = Selectable<ClientTable>;
export type ContactRow = Selectable<ContactTable>;
export type ThreatRow = Selectable<ThreatTable>;
export type EvidenceRow = Selectable<EvidenceTable>;
export type ReferralRow = Selectable<ReferralTable>;
export type ConsentRow = Selectable<ConsentTable>;
export type NoteRow = Selectable<NoteTable>;
export type TaskRow = Selectable<TaskTable>;
export type AuditEntryRow = Selectable<AuditEntryTable>;
