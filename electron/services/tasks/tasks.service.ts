import { touchCases } from '../records/case-touch';
import { randomUUID } from 'node:crypto';
import type { Updateable } from 'kysely';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { TaskDto, taskCreateInput, taskFields, taskUpdateInput } from '../../../shared/domain/records';
import type { Database, TaskRow } from '../../db/schema';
import { appendAudit, diffFields, type AuditAction } from '../audit/audit.service';
import { assigneeOf, type DbOrTrx, type RecordContext } from '../records/context';
import { assertCurrentVersion, notFound } from '../records/versioning';
import { tasksRepository as repo } from './tasks.repository';

/** Follow-ups and reminders of a case: referral follow-ups, CCF deadlines, hearings, check-in calls. */
export type TaskFields = z.infer<typeof taskFields>;
export type TaskCreateInput = z.infer<typeof taskCreateInput>;
export type TaskUpdateInput = z.infer<typeof taskUpdateInput>;
export type DueTaskDto = TaskDto & { caseCode: string };

function taskToDto(row: TaskRow): TaskDto {
  return {
    id: row.id,
    caseId: row.case_id,
    title: row.title,
    dueOn: row.due_on,
    assignedTo: row.assigned_to,
    referralId: row.referral_id,
    doneAt: row.done_at,
    version: row.version,
    createdAt: row.created_at,
  };
}

/** The audited fields of a task; doneAt stands for "done". */
function auditFieldsOf(row: TaskRow): Record<string, unknown> {
  return { title: row.title, dueOn: row.due_on, assignedTo: row.assigned_to, referralId: row.referral_id, doneAt: row.done_at };
}

export async function listTasks(db: DbOrTrx, caseId: string): Promise<TaskDto[]> {
  return (await repo.listForCase(db, caseId)).map(taskToDto);
}

/** For the dashboard: open tasks due on or before `untilDay` (overdue ones included), with their case code. */
export async function listDueTasks(db: DbOrTrx, untilDay: string): Promise<DueTaskDto[]> {
  return (await repo.listDue(db, untilDay)).map((row) => ({ ...taskToDto(row), caseCode: row.case_code }));
}

export async function createTask(ctx: RecordContext, input: TaskCreateInput): Promise<TaskDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const caseRow = await repo.findCase(trx, input.caseId);
    if (!caseRow) throw notFound('case');
    const fields: TaskFields = {
      title: input.task.title,
      dueOn: input.task.dueOn,
      // Unassigned only when the caseworker says so (an empty name); by default it is theirs.
      assignedTo: input.task.assignedTo ?? assigneeOf(ctx),
      referralId: input.task.referralId ?? null,
    };
    await assertReferralOfCase(trx, caseRow.id, fields.referralId);
    const now = ctx.now();
    const at = now.toISOString();
    const id = randomUUID();
    await repo.insertTask(trx, {
      id,
      case_id: caseRow.id,
      referral_id: fields.referralId,
      title: fields.title,
      due_on: fields.dueOn,
      assigned_to: fields.assignedTo,
      done_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await touchCases(trx, [caseRow.id], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'create', entity: 'task', entityId: id, caseId: caseRow.id, changes: diffFields(null, { ...fields }) });
    return getTask(trx, id);
  });
}

/**
 * Edits a task. `done: true` completes it (stamped now, audited as
 * "complete"), `done: false` reopens it (audited as "reopen").
 */
export async function updateTask(ctx: RecordContext, input: TaskUpdateInput): Promise<TaskDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findTask(trx, input.id);
    if (!row) throw notFound('task');
    await assertCurrentVersion(trx, 'task', 'task', row.id, row.version, input.version);
    const now = ctx.now();
    const at = now.toISOString();
    const { done, ...patch } = input.patch;
    const set: Updateable<Database['task']> = {};
    if (patch.title !== undefined) set.title = patch.title;
    if (patch.dueOn !== undefined) set.due_on = patch.dueOn;
    if (patch.assignedTo !== undefined) set.assigned_to = patch.assignedTo;
    if (patch.referralId !== undefined && patch.referralId !== row.referral_id) {
      await assertReferralOfCase(trx, row.case_id, patch.referralId);
      set.referral_id = patch.referralId;
    }
    let action: AuditAction = 'update';
    if (done === true && row.done_at === null) {
      set.done_at = at;
      action = 'complete';
    } else if (done === false && row.done_at !== null) {
      set.done_at = null;
      action = 'reopen';
    }
    const before = auditFieldsOf(row);
    const changes = diffFields(before, {
      ...(set.title !== undefined && { title: set.title }),
      ...(set.due_on !== undefined && { dueOn: set.due_on }),
      ...(set.assigned_to !== undefined && { assignedTo: set.assigned_to }),
      ...(set.referral_id !== undefined && { referralId: set.referral_id }),
      ...(set.done_at !== undefined && { doneAt: set.done_at }),
    });
    if (changes.length === 0) return taskToDto(row);
    await repo.updateTask(trx, row.id, row.version, { ...set, version: row.version + 1, updated_at: at });
    await touchCases(trx, [row.case_id], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action, entity: 'task', entityId: row.id, caseId: row.case_id, changes });
    return getTask(trx, row.id);
  });
}

async function assertReferralOfCase(db: DbOrTrx, caseId: string, referralId: string | null): Promise<void> {
  if (referralId === null) return;
  const referralCase = await repo.findReferralCase(db, referralId);
  if (referralCase !== caseId) {
    throw new AppError('VALIDATION', 'The linked referral is not part of this case (or no longer exists). Pick a referral of this case, or none.');
  }
}

async function getTask(db: DbOrTrx, id: string): Promise<TaskDto> {
  const row = await repo.findTask(db, id);
  if (!row) throw notFound('task');
  return taskToDto(row);
}
