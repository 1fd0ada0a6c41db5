import type { Insertable, Updateable } from 'kysely';
import type { ContactDto, ContactFields } from '../../../shared/domain/records';
import type { ContactRow, Database } from '../../db/schema';
import { parseList, stringifyList } from '../records/json-columns';
import { sortKey } from '../../../shared/text';
import type { LinkRow } from './contacts.repository';

export function contactFieldsOf(row: ContactRow): ContactFields {
  return {
    kind: row.kind as ContactFields['kind'],
    name: row.name,
    originalNames: parseList(row.original_names),
    aliases: parseList(row.aliases),
    sensitivity: row.sensitivity as ContactFields['sensitivity'],
    country: row.country,
    city: row.city,
    phones: parseList(row.phones),
    emails: parseList(row.emails),
    handles: parseList(row.handles),
    address: row.address,
    notes: row.notes,
    dateOfBirth: row.date_of_birth,
    identityDocuments: parseList(row.identity_documents),
  };
}

export function linkToDto(row: LinkRow): ContactDto['links'][number] {
  return { caseId: row.case_id, caseCode: row.case_code, role: row.role as ContactDto['links'][number]['role'], relationship: row.relationship };
}

export function contactToDto(row: ContactRow, links: readonly LinkRow[]): ContactDto {
  return {
    ...contactFieldsOf(row),
    id: row.id,
    version: row.version,
    updatedAt: row.updated_at,
    links: links.filter((l) => l.contact_id === row.id).map(linkToDto),
  };
}

export function contactColumns(fields: Partial<ContactFields>): Updateable<Database['contact']> {
  const set: Updateable<Database['contact']> = {};
  if (fields.kind !== undefined) set.kind = fields.kind;
  if (fields.name !== undefined) {
    set.name = fields.name;
    set.sort_name = sortKey(fields.name);
  }
  if (fields.originalNames !== undefined) set.original_names = stringifyList(fields.originalNames);
  if (fields.aliases !== undefined) set.aliases = stringifyList(fields.aliases);
  if (fields.sensitivity !== undefined) set.sensitivity = fields.sensitivity;
  if (fields.country !== undefined) set.country = fields.country;
  if (fields.city !== undefined) set.city = fields.city;
  if (fields.phones !== undefined) set.phones = stringifyList(fields.phones);
  if (fields.emails !== undefined) set.emails = stringifyList(fields.emails);
  if (fields.handles !== undefined) set.handles = stringifyList(fields.handles);
  if (fields.address !== undefined) set.address = fields.address;
  if (fields.notes !== undefined) set.notes = fields.notes;
  if (fields.dateOfBirth !== undefined) set.date_of_birth = fields.dateOfBirth;
  if (fields.identityDocuments !== undefined) set.identity_documents = stringifyList(fields.identityDocuments);
  return set;
}

/** Every column of a new contact, from complete fields. */
export function newContactColumns(fields: ContactFields): Omit<Insertable<Database['contact']>, 'id' | 'version' | 'created_at' | 'updated_at'> {
  return {
    kind: fields.kind,
    name: fields.name,
    sort_name: sortKey(fields.name),
    original_names: stringifyList(fields.originalNames),
    aliases: stringifyList(fields.aliases),
    sensitivity: fields.sensitivity,
    country: fields.country,
    city: fields.city,
    phones: stringifyList(fields.phones),
    emails: stringifyList(fields.emails),
    handles: stringifyList(fields.handles),
    address: fields.address,
    notes: fields.notes,
    date_of_birth: fields.dateOfBirth,
    identity_documents: stringifyList(fields.identityDocuments),
  };
}
