import { sql, type Insertable, type Updateable } from 'kysely';
import type { Database, TaskRow } from '../../db/schema';
import type { DbOrTrx } from '../records/context';

export type TaskWithCode = TaskRow & { case_code: string };

async function findCase(db: DbOrTrx, caseId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('case_file').select('id').where('id', '=', caseId).executeTakeFirst();
}

async function findTask(db: DbOrTrx, id: string): Promise<TaskRow | undefined> {
  return db.selectFrom('task').selectAll().where('id', '=', id).executeTakeFirst();
}

async function findReferralCase(db: DbOrTrx, referralId: string): Promise<string | undefined> {
  const row = await db.selectFrom('referral').select('case_id').where('id', '=', referralId).executeTakeFirst();
  return row?.case_id;
}

/** Open tasks by due day, then done ones, most recently completed first. */
async function listForCase(db: DbOrTrx, caseId: string): Promise<TaskRow[]> {
  return db
    .selectFrom('task')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy(sql`done_at IS NOT NULL`)
    .orderBy(sql`CASE WHEN done_at IS NULL THEN due_on END`)
    .orderBy('done_at', 'desc')
    .orderBy('created_at', 'asc')
    .orderBy('id', 'asc')
    .execute();
}

/** Open tasks due on or before a day, across cases that are not archived. */
async function listDue(db: DbOrTrx, untilDay: string): Promise<TaskWithCode[]> {
  return db
    .selectFrom('task')
    .innerJoin('case_file', 'case_file.id', 'task.case_id')
    .selectAll('task')
    .select('case_file.code as case_code')
    .where('task.done_at', 'is', null)
    .where('task.due_on', '<=', untilDay)
    .where('case_file.archived_at', 'is', null)
    .orderBy('task.due_on', 'asc')
    .orderBy('case_file.code', 'asc')
    .orderBy('task.created_at', 'asc')
    .execute();
}

async function insertTask(db: DbOrTrx, row: Insertable<Database['task']>): Promise<void> {
  await db.insertInto('task').values(row).execute();
}

async function updateTask(db: DbOrTrx, id: string, version: number, set: Updateable<Database['task']>): Promise<boolean> {
  const result = await db.updateTable('task').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A child record changed: the case moves up in "recently updated" without a new case version. */

export const tasksRepository = Object.freeze({ findCase, findTask, findReferralCase, listForCase, listDue, insertTask, updateTask });
