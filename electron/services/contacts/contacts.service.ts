import { parseInput } from '../records/validation';
import { touchCases } from '../records/case-touch';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import {
  contactCreateInput,
  contactLinkInput,
  contactListQuery,
  contactUpdateInput,
  type ContactDto,
  type ContactFields,
} from '../../../shared/domain/records';
import { defaultSensitivityForRole } from '../../../shared/domain/enums';
import { appendAudit, diffFields } from '../audit/audit.service';
import type { DbOrTrx, RecordContext } from '../records/context';
import { assertCurrentVersion, notFound } from '../records/versioning';
import { contactsRepository as repo } from './contacts.repository';
import { contactColumns, contactFieldsOf, contactToDto, newContactColumns } from './contacts.mapper';

export type ContactListQuery = z.input<typeof contactListQuery>;
export type ContactListPage = { items: ContactDto[]; total: number };
export type ContactCreateInput = z.input<typeof contactCreateInput>;
export type ContactLinkInput = z.input<typeof contactLinkInput>;
export type ContactUpdateInput = z.input<typeof contactUpdateInput>;

const DEFAULT_CONTACT: Omit<ContactFields, 'name' | 'sensitivity'> = {
  kind: 'person',
  originalNames: [],
  aliases: [],
  country: '',
  city: '',
  phones: [],
  emails: [],
  handles: [],
  address: '',
  notes: '',
  dateOfBirth: null,
  identityDocuments: [],
};


export async function getContact(db: DbOrTrx, id: string): Promise<ContactDto> {
  const row = await repo.findContact(db, id);
  if (!row) throw notFound('contact');
  return contactToDto(row, await repo.linksFor(db, [id]));
}

/** All contacts (or one case's), each with the cases it appears in; type-ahead over every name form. */
export async function listContacts(db: DbOrTrx, query: ContactListQuery = {}): Promise<ContactListPage> {
  const parsed = parseInput(contactListQuery, query, 'contact');
  const { rows, total } = await repo.list(db, parsed);
  const links = await repo.linksFor(db, rows.map((r) => r.id));
  return { items: rows.map((row) => contactToDto(row, links)), total };
}

/** A new contact, linked to a case with a role. Relatives in the home country default to "never disclose". */
export async function createContactForCase(ctx: RecordContext, raw: ContactCreateInput): Promise<ContactDto> {
  const input = parseInput(contactCreateInput, raw, 'contact');
  const fields: ContactFields = {
    ...DEFAULT_CONTACT,
    sensitivity: defaultSensitivityForRole(input.role),
    ...stripUndefined(input.contact),
    name: input.contact.name,
  };
  return ctx.db.transaction().execute(async (trx) => {
    const caseCode = await repo.findCaseCode(trx, input.caseId);
    if (caseCode === undefined) throw notFound('case');
    const now = ctx.now();
    const at = now.toISOString();
    const id = randomUUID();
    await repo.insertContact(trx, { id, ...newContactColumns(fields), version: 1, created_at: at, updated_at: at });
    await repo.insertLink(trx, { case_id: input.caseId, contact_id: id, role: input.role, relationship: input.relationship });
    await touchCases(trx, [input.caseId], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'create', entity: 'contact', entityId: id, caseId: input.caseId, changes: diffFields(null, { ...fields }) });
    await appendAudit(trx, {
      actor: ctx.actor,
      at: now,
      action: 'link',
      entity: 'contact',
      entityId: id,
      caseId: input.caseId,
      changes: diffFields(null, { caseCode, role: input.role, relationship: input.relationship }),
    });
    return getContact(trx, id);
  });
}

/** Links an existing contact to another case, e.g. the same official harassing two clients. */
export async function linkContact(ctx: RecordContext, raw: ContactLinkInput): Promise<ContactDto> {
  const input = parseInput(contactLinkInput, raw, 'contact');
  return ctx.db.transaction().execute(async (trx) => {
    const caseCode = await repo.findCaseCode(trx, input.caseId);
    if (caseCode === undefined) throw notFound('case');
    const contact = await repo.findContact(trx, input.contactId);
    if (!contact) throw notFound('contact');
    const existing = await repo.findLink(trx, input.caseId, input.contactId);
    if (existing) {
      throw new AppError('VALIDATION', `${contact.name} is already a contact of case ${caseCode} (as ${existing.role.replace(/_/g, ' ')}). Nothing was added.`);
    }
    const now = ctx.now();
    await repo.insertLink(trx, { case_id: input.caseId, contact_id: contact.id, role: input.role, relationship: input.relationship });
    await touchCases(trx, [input.caseId], now.toISOString());
    await appendAudit(trx, {
      actor: ctx.actor,
      at: now,
      action: 'link',
      entity: 'contact',
      entityId: contact.id,
      caseId: input.caseId,
      changes: diffFields(null, { caseCode, role: input.role, relationship: input.relationship }),
    });
    return getContact(trx, contact.id);
  });
}

/** Changes a contact's role or relationship in one case (e.g. "witness" turns out to be an informant). */
export async function updateContactLink(ctx: RecordContext, raw: ContactLinkInput): Promise<ContactDto> {
  const input = parseInput(contactLinkInput, raw, 'contact');
  return ctx.db.transaction().execute(async (trx) => {
    const contact = await repo.findContact(trx, input.contactId);
    if (!contact) throw notFound('contact');
    const link = await repo.findLink(trx, input.caseId, input.contactId);
    if (!link) throw new AppError('NOT_FOUND', `${contact.name} is not a contact of this case. Reload the list.`);
    const changes = diffFields({ role: link.role, relationship: link.relationship }, { role: input.role, relationship: input.relationship });
    if (changes.length > 0) {
      const now = ctx.now();
      await repo.updateLink(trx, input.caseId, input.contactId, { role: input.role, relationship: input.relationship });
      await touchCases(trx, [input.caseId], now.toISOString());
      await appendAudit(trx, { actor: ctx.actor, at: now, action: 'update', entity: 'contact', entityId: contact.id, caseId: input.caseId, changes });
    }
    return getContact(trx, contact.id);
  });
}

/**
 * Removes a contact from a case. Refused while a threat of that case names
 * the contact as perpetrator or target. A contact left in no case is deleted.
 */
export async function unlinkContact(ctx: RecordContext, input: { caseId: string; contactId: string }): Promise<{ unlinked: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const contact = await repo.findContact(trx, input.contactId);
    if (!contact) throw notFound('contact');
    const link = await repo.findLink(trx, input.caseId, input.contactId);
    if (!link) throw new AppError('NOT_FOUND', `${contact.name} is not a contact of this case. Reload the list.`);
    const uses = await repo.threatRolesInCase(trx, input.caseId, input.contactId);
    if (uses.perpetrator > 0 || uses.target > 0) {
      const why = [
        uses.perpetrator > 0 ? `a perpetrator in ${plural(uses.perpetrator, 'threat')}` : '',
        uses.target > 0 ? `the target of ${plural(uses.target, 'threat')}` : '',
      ]
        .filter(Boolean)
        .join(' and ');
      throw new AppError('VALIDATION', `${contact.name} cannot be removed from this case: they are recorded as ${why} in it. Edit those threats first.`);
    }
    const now = ctx.now();
    const caseCode = (await repo.findCaseCode(trx, input.caseId)) ?? '';
    await repo.deleteLink(trx, input.caseId, input.contactId);
    await touchCases(trx, [input.caseId], now.toISOString());
    await appendAudit(trx, {
      actor: ctx.actor,
      at: now,
      action: 'unlink',
      entity: 'contact',
      entityId: contact.id,
      caseId: input.caseId,
      changes: [
        { field: 'caseCode', from: caseCode, to: null },
        { field: 'role', from: link.role, to: null },
        { field: 'relationship', from: link.relationship, to: null },
      ],
    });
    if ((await repo.countLinks(trx, contact.id)) === 0) {
      await repo.deleteContact(trx, contact.id);
      const before = contactFieldsOf(contact) as unknown as Record<string, unknown>;
      await appendAudit(trx, {
        actor: ctx.actor,
        at: now,
        action: 'delete',
        entity: 'contact',
        entityId: contact.id,
        caseId: input.caseId,
        changes: Object.keys(before).map((field) => ({ field, from: before[field] ?? null, to: null })),
      });
    }
    return { unlinked: true as const };
  });
}

/** Edits a contact's details (shared by every case it appears in). */
export async function updateContact(ctx: RecordContext, raw: ContactUpdateInput): Promise<ContactDto> {
  const input = parseInput(contactUpdateInput, raw, 'contact');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findContact(trx, input.id);
    if (!row) throw notFound('contact');
    await assertCurrentVersion(trx, 'contact', 'contact', row.id, row.version, input.version);
    const before = contactFieldsOf(row);
    const patch = stripUndefined(input.patch);
    const changes = diffFields(before as unknown as Record<string, unknown>, patch);
    if (changes.length > 0) {
      const now = ctx.now();
      const at = now.toISOString();
      await repo.updateContact(trx, row.id, row.version, { ...contactColumns(patch), version: row.version + 1, updated_at: at });
      const links = await repo.linksFor(trx, [row.id]);
      await touchCases(trx, links.map((l) => l.case_id), at);
      // The audit entry has one case; the first case the contact joined shows it in its history.
      await appendAudit(trx, { actor: ctx.actor, at: now, action: 'update', entity: 'contact', entityId: row.id, caseId: links[0]?.case_id ?? null, changes });
    }
    return getContact(trx, row.id);
  });
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}
