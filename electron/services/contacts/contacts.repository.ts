import { sql, type Insertable, type Updateable } from 'kysely';
import type { CaseContactTable, ContactRow, Database } from '../../db/schema';
import type { DbOrTrx } from '../records/context';
import { sortKey } from '../../../shared/text';

export interface LinkRow extends CaseContactTable {
  case_code: string;
}

export interface ListQuery {
  text?: string;
  caseId?: string;
  offset: number;
  limit: number;
}

async function findContact(db: DbOrTrx, id: string): Promise<ContactRow | undefined> {
  return db.selectFrom('contact').selectAll().where('id', '=', id).executeTakeFirst();
}

async function findCaseCode(db: DbOrTrx, caseId: string): Promise<string | undefined> {
  const row = await db.selectFrom('case_file').select('code').where('id', '=', caseId).executeTakeFirst();
  return row?.code;
}

/** Links of the given contacts, each with its case code, oldest case first. */
async function linksFor(db: DbOrTrx, contactIds: readonly string[]): Promise<LinkRow[]> {
  if (contactIds.length === 0) return [];
  return db
    .selectFrom('case_contact')
    .innerJoin('case_file', 'case_file.id', 'case_contact.case_id')
    .select(['case_contact.case_id', 'case_contact.contact_id', 'case_contact.role', 'case_contact.relationship', 'case_file.code as case_code'])
    .where('case_contact.contact_id', 'in', contactIds)
    .orderBy('case_file.created_at')
    .orderBy('case_file.code')
    .execute();
}

async function findLink(db: DbOrTrx, caseId: string, contactId: string): Promise<CaseContactTable | undefined> {
  return db.selectFrom('case_contact').selectAll().where('case_id', '=', caseId).where('contact_id', '=', contactId).executeTakeFirst();
}

async function insertContact(db: DbOrTrx, row: Insertable<Database['contact']>): Promise<void> {
  await db.insertInto('contact').values(row).execute();
}

async function insertLink(db: DbOrTrx, row: CaseContactTable): Promise<void> {
  await db.insertInto('case_contact').values(row).execute();
}

async function updateLink(db: DbOrTrx, caseId: string, contactId: string, set: { role: string; relationship: string }): Promise<void> {
  await db.updateTable('case_contact').set(set).where('case_id', '=', caseId).where('contact_id', '=', contactId).execute();
}

async function deleteLink(db: DbOrTrx, caseId: string, contactId: string): Promise<void> {
  await db.deleteFrom('case_contact').where('case_id', '=', caseId).where('contact_id', '=', contactId).execute();
}

async function countLinks(db: DbOrTrx, contactId: string): Promise<number> {
  const row = await db
    .selectFrom('case_contact')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('contact_id', '=', contactId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

async function updateContact(db: DbOrTrx, id: string, version: number, set: Updateable<Database['contact']>): Promise<boolean> {
  const result = await db.updateTable('contact').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function deleteContact(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('contact').where('id', '=', id).execute();
}

/** Threats of one case in which the contact is a perpetrator or the target. */
async function threatRolesInCase(db: DbOrTrx, caseId: string, contactId: string): Promise<{ perpetrator: number; target: number }> {
  const perpetrator = await db
    .selectFrom('threat_perpetrator')
    .innerJoin('threat', 'threat.id', 'threat_perpetrator.threat_id')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('threat.case_id', '=', caseId)
    .where('threat_perpetrator.contact_id', '=', contactId)
    .executeTakeFirst();
  const target = await db
    .selectFrom('threat')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('case_id', '=', caseId)
    .where('target_contact_id', '=', contactId)
    .executeTakeFirst();
  return { perpetrator: Number(perpetrator?.n ?? 0), target: Number(target?.n ?? 0) };
}


function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

async function list(db: DbOrTrx, query: ListQuery): Promise<{ rows: ContactRow[]; total: number }> {
  let base = db.selectFrom('contact');
  if (query.caseId) {
    const caseId = query.caseId;
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('case_contact').select('case_contact.contact_id').whereRef('case_contact.contact_id', '=', 'contact.id').where('case_contact.case_id', '=', caseId)),
    );
  }
  const text = query.text?.trim();
  if (text) {
    const like = (value: string) => sql<string>`${`%${escapeLike(value)}%`} ESCAPE '\\'`;
    base = base.where((eb) =>
      eb.or([
        eb('contact.name', 'like', like(text)),
        eb('contact.sort_name', 'like', like(sortKey(text))),
        eb('contact.original_names', 'like', like(text)),
        eb('contact.aliases', 'like', like(text)),
      ]),
    );
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base.selectAll('contact').orderBy('contact.sort_name').orderBy('contact.id').limit(query.limit).offset(query.offset).execute();
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export const contactsRepository = Object.freeze({
  findContact,
  findCaseCode,
  linksFor,
  findLink,
  insertContact,
  insertLink,
  updateLink,
  deleteLink,
  countLinks,
  updateContact,
  deleteContact,
  threatRolesInCase,
  list,
});
