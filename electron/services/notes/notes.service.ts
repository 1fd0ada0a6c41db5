import { touchCases } from '../records/case-touch';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import type { NoteDto, noteCreateInput, noteUpdateInput, deleteInput } from '../../../shared/domain/records';
import type { NoteRow } from '../../db/schema';
import { appendAudit, diffFields } from '../audit/audit.service';
import type { DbOrTrx, RecordContext } from '../records/context';
import { assertCurrentVersion, notFound } from '../records/versioning';
import { notesRepository as repo } from './notes.repository';

/**
 * Internal case notes. They are for the team only and never leave the vault:
 * referral packets and other exports for recipients must not include them
 * (DESIGN §4, §6), whatever the disclosure profile says.
 */
export type NoteCreateInput = z.infer<typeof noteCreateInput>;
export type NoteUpdateInput = z.infer<typeof noteUpdateInput>;
export type NoteDeleteInput = z.infer<typeof deleteInput>;

function noteToDto(row: NoteRow): NoteDto {
  return { id: row.id, caseId: row.case_id, body: row.body, author: row.author, version: row.version, createdAt: row.created_at, updatedAt: row.updated_at };
}

/** Newest first. */
export async function listNotes(db: DbOrTrx, caseId: string): Promise<NoteDto[]> {
  return (await repo.listForCase(db, caseId)).map(noteToDto);
}

export async function createNote(ctx: RecordContext, input: NoteCreateInput): Promise<NoteDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const caseRow = await repo.findCase(trx, input.caseId);
    if (!caseRow) throw notFound('case');
    const now = ctx.now();
    const at = now.toISOString();
    const id = randomUUID();
    await repo.insertNote(trx, { id, case_id: caseRow.id, body: input.body, author: ctx.actor, version: 1, created_at: at, updated_at: at });
    await touchCases(trx, [caseRow.id], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'create', entity: 'note', entityId: id, caseId: caseRow.id, changes: diffFields(null, { body: input.body, author: ctx.actor }) });
    return getNote(trx, id);
  });
}

export async function updateNote(ctx: RecordContext, input: NoteUpdateInput): Promise<NoteDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findNote(trx, input.id);
    if (!row) throw notFound('note');
    await assertCurrentVersion(trx, 'note', 'note', row.id, row.version, input.version);
    const changes = diffFields({ body: row.body }, { body: input.body });
    if (changes.length === 0) return noteToDto(row);
    const now = ctx.now();
    const at = now.toISOString();
    await repo.updateBody(trx, row.id, row.version, input.body, at);
    await touchCases(trx, [row.case_id], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'update', entity: 'note', entityId: row.id, caseId: row.case_id, changes });
    return getNote(trx, row.id);
  });
}

/**
 * Deletes a note. Its earlier text stays in the case's audit history (as
 * every edit does) until the case is erased.
 */
export async function deleteNote(ctx: RecordContext, input: NoteDeleteInput): Promise<{ deleted: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findNote(trx, input.id);
    if (!row) throw notFound('note');
    await assertCurrentVersion(trx, 'note', 'note', row.id, row.version, input.version);
    const now = ctx.now();
    const at = now.toISOString();
    await repo.deleteNote(trx, row.id, row.version);
    await touchCases(trx, [row.case_id], at);
    await appendAudit(trx, {
      actor: ctx.actor,
      at: now,
      action: 'delete',
      entity: 'note',
      entityId: row.id,
      caseId: row.case_id,
      changes: diffFields({ body: row.body, author: row.author }, { body: null, author: null }),
    });
    return { deleted: true as const };
  });
}

async function getNote(db: DbOrTrx, id: string): Promise<NoteDto> {
  const row = await repo.findNote(db, id);
  if (!row) throw notFound('note');
  return noteToDto(row);
}
