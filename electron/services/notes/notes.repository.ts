import type { Insertable } from 'kysely';
import type { Database, NoteRow } from '../../db/schema';
import type { DbOrTrx } from '../records/context';

async function findCase(db: DbOrTrx, caseId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('case_file').select('id').where('id', '=', caseId).executeTakeFirst();
}

async function findNote(db: DbOrTrx, id: string): Promise<NoteRow | undefined> {
  return db.selectFrom('note').selectAll().where('id', '=', id).executeTakeFirst();
}

async function listForCase(db: DbOrTrx, caseId: string): Promise<NoteRow[]> {
  return db.selectFrom('note').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('id', 'asc').execute();
}

async function insertNote(db: DbOrTrx, row: Insertable<Database['note']>): Promise<void> {
  await db.insertInto('note').values(row).execute();
}

async function updateBody(db: DbOrTrx, id: string, version: number, body: string, at: string): Promise<boolean> {
  const result = await db
    .updateTable('note')
    .set({ body, version: version + 1, updated_at: at })
    .where('id', '=', id)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function deleteNote(db: DbOrTrx, id: string, version: number): Promise<boolean> {
  const result = await db.deleteFrom('note').where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numDeletedRows) === 1;
}

/** A child record changed: the case moves up in "recently updated" without a new case version. */

export const notesRepository = Object.freeze({ findCase, findNote, listForCase, insertNote, updateBody, deleteNote });
