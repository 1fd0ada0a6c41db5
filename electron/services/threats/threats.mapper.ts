import type { Insertable } from 'kysely';
import type { ThreatDto, ThreatFields } from '../../../shared/domain/records';
import type { Database, ThreatEvidenceTable, ThreatPerpetratorTable, ThreatRow } from '../../db/schema';

export interface ThreatLinks {
  perpetrators: readonly ThreatPerpetratorTable[];
  evidence: readonly ThreatEvidenceTable[];
}

export function threatFieldsOf(row: ThreatRow, links: ThreatLinks): ThreatFields {
  return {
    tacticId: row.tactic_id,
    tacticOther: row.tactic_other,
    datePrecision: row.date_precision as ThreatFields['datePrecision'],
    occurredFrom: row.occurred_from,
    occurredTo: row.occurred_to,
    country: row.country,
    city: row.city,
    channel: row.channel as ThreatFields['channel'],
    targetContactId: row.target_contact_id,
    perpetratorIds: links.perpetrators.filter((p) => p.threat_id === row.id).map((p) => p.contact_id),
    evidenceIds: links.evidence.filter((e) => e.threat_id === row.id).map((e) => e.evidence_id),
    description: row.description,
    severity: row.severity,
    verification: row.verification as ThreatFields['verification'],
  };
}

export function threatToDto(row: ThreatRow, links: ThreatLinks): ThreatDto {
  return {
    ...threatFieldsOf(row, links),
    id: row.id,
    caseId: row.case_id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** The threat's own columns (perpetrators and evidence are link tables). */
export function threatColumns(fields: ThreatFields): Omit<Insertable<Database['threat']>, 'id' | 'case_id' | 'version' | 'created_at' | 'updated_at'> {
  return {
    tactic_id: fields.tacticId,
    tactic_other: fields.tacticOther,
    date_precision: fields.datePrecision,
    occurred_from: fields.occurredFrom,
    occurred_to: fields.occurredTo,
    country: fields.country,
    city: fields.city,
    channel: fields.channel,
    target_contact_id: fields.targetContactId,
    description: fields.description,
    severity: fields.severity,
    verification: fields.verification,
  };
}
