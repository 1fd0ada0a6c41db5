import type { CaseDto, CaseFields, ClientDto, ClientFields, CaseListItem, RiskChangeDto } from '../../../shared/domain/records';
import type { CaseFileRow, ClientRow, Database, RiskChangeTable } from '../../db/schema';
import type { Insertable, Updateable } from 'kysely';
import { parseList, stringifyList } from '../records/json-columns';
import { sortKey } from '../../../shared/text';

type Row<T> = T;

export function clientToDto(row: ClientRow): ClientDto {
  return {
    id: row.id,
    version: row.version,
    updatedAt: row.updated_at,
    legalName: row.legal_name,
    originalNames: parseList(row.original_names),
    aliases: parseList(row.aliases),
    identityDocuments: parseList(row.identity_documents),
    dateOfBirth: row.date_of_birth,
    nationality: row.nationality,
    residenceCountry: row.residence_country,
    immigrationStatus: row.immigration_status as ClientDto['immigrationStatus'],
    languages: parseList(row.languages),
    safeContactMethods: row.safe_contact_methods,
    safeContactTimes: row.safe_contact_times,
    ethnicity: row.ethnicity,
    religion: row.religion,
    politicalActivity: row.political_activity,
  };
}

/** Client fields as plain values, for audit diffs. */
export function clientFieldsOf(dto: ClientDto): ClientFields {
  const { id: _id, version: _v, updatedAt: _u, ...fields } = dto;
  return fields;
}

export function clientColumns(fields: Partial<ClientFields>): Updateable<Database['client']> {
  const set: Updateable<Database['client']> = {};
  if (fields.legalName !== undefined) {
    set.legal_name = fields.legalName;
    set.sort_name = sortKey(fields.legalName);
  }
  if (fields.originalNames !== undefined) set.original_names = stringifyList(fields.originalNames);
  if (fields.aliases !== undefined) set.aliases = stringifyList(fields.aliases);
  if (fields.identityDocuments !== undefined) set.identity_documents = stringifyList(fields.identityDocuments);
  if (fields.dateOfBirth !== undefined) set.date_of_birth = fields.dateOfBirth;
  if (fields.nationality !== undefined) set.nationality = fields.nationality;
  if (fields.residenceCountry !== undefined) set.residence_country = fields.residenceCountry;
  if (fields.immigrationStatus !== undefined) set.immigration_status = fields.immigrationStatus;
  if (fields.languages !== undefined) set.languages = stringifyList(fields.languages);
  if (fields.safeContactMethods !== undefined) set.safe_contact_methods = fields.safeContactMethods;
  if (fields.safeContactTimes !== undefined) set.safe_contact_times = fields.safeContactTimes;
  if (fields.ethnicity !== undefined) set.ethnicity = fields.ethnicity;
  if (fields.religion !== undefined) set.religion = fields.religion;
  if (fields.politicalActivity !== undefined) set.political_activity = fields.politicalActivity;
  return set;
}

/** A full client row, for intake and import. */
export function clientInsertRow(
  id: string,
  caseId: string,
  client: ClientFields,
  stamps: { version: number; created_at: string; updated_at: string },
): Insertable<Database['client']> {
  return {
    id,
    case_id: caseId,
    legal_name: client.legalName,
    sort_name: sortKey(client.legalName),
    original_names: stringifyList(client.originalNames),
    aliases: stringifyList(client.aliases),
    identity_documents: stringifyList(client.identityDocuments),
    date_of_birth: client.dateOfBirth,
    nationality: client.nationality,
    residence_country: client.residenceCountry,
    immigration_status: client.immigrationStatus,
    languages: stringifyList(client.languages),
    safe_contact_methods: client.safeContactMethods,
    safe_contact_times: client.safeContactTimes,
    ethnicity: client.ethnicity,
    religion: client.religion,
    political_activity: client.politicalActivity,
    ...stamps,
  };
}

export function caseFieldsOf(row: CaseFileRow): CaseFields {
  return {
    status: row.status as CaseFields['status'],
    priority: row.priority as CaseFields['priority'],
    riskLevel: row.risk_level as CaseFields['riskLevel'],
    assignedTo: row.assigned_to,
    openedOn: row.opened_on,
    closedOn: row.closed_on,
    summary: row.summary,
  };
}

export function caseColumns(fields: Partial<CaseFields>): Updateable<Database['case_file']> {
  const set: Updateable<Database['case_file']> = {};
  if (fields.status !== undefined) set.status = fields.status;
  if (fields.priority !== undefined) set.priority = fields.priority;
  if (fields.riskLevel !== undefined) set.risk_level = fields.riskLevel;
  if (fields.assignedTo !== undefined) set.assigned_to = fields.assignedTo;
  if (fields.openedOn !== undefined) set.opened_on = fields.openedOn;
  if (fields.closedOn !== undefined) set.closed_on = fields.closedOn;
  if (fields.summary !== undefined) set.summary = fields.summary;
  return set;
}

export function riskChangeToDto(row: Row<RiskChangeTable>): RiskChangeDto {
  return { riskLevel: row.risk_level as RiskChangeDto['riskLevel'], changedAt: row.changed_at, changedBy: row.changed_by, reason: row.reason };
}

export function caseToDto(row: CaseFileRow, client: ClientRow, risk: RiskChangeTable[]): CaseDto {
  return {
    ...caseFieldsOf(row),
    id: row.id,
    code: row.code,
    archivedAt: row.archived_at,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    client: clientToDto(client),
    riskHistory: risk.map(riskChangeToDto),
  };
}

export function listRowToItem(row: {
  id: string;
  code: string;
  status: string;
  priority: string;
  risk_level: string;
  assigned_to: string;
  opened_on: string;
  archived_at: string | null;
  updated_at: string;
  legal_name: string;
  original_names: string;
  threat_count: number | null;
}): CaseListItem {
  return {
    id: row.id,
    code: row.code,
    status: row.status as CaseListItem['status'],
    priority: row.priority as CaseListItem['priority'],
    riskLevel: row.risk_level as CaseListItem['riskLevel'],
    assignedTo: row.assigned_to,
    openedOn: row.opened_on,
    clientName: row.legal_name,
    clientOriginalNames: parseList(row.original_names),
    archived: row.archived_at !== null,
    threatCount: Number(row.threat_count ?? 0),
    updatedAt: row.updated_at,
  };
}
