import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { AppError } from '../../../shared/errors';
import {
  caseListQuery,
  type CaseCreateInput,
  type CaseDto,
  type CaseFields,
  type CaseListPage,
  type CaseListQuery,
  type ClientFields,
} from '../../../shared/domain/records';
import { appendAudit, diffFields } from '../audit/audit.service';
import { auditRepository } from '../audit/audit.repository';
import { assigneeOf, type DbOrTrx, type RecordContext } from '../records/context';
import { assertCurrentVersion, notFound } from '../records/versioning';
import { localDay } from '../records/dates';
import { casesRepository as repo } from './cases.repository';
import { caseColumns, caseFieldsOf, caseToDto, clientColumns, clientFieldsOf, clientInsertRow, clientToDto, listRowToItem } from './cases.mapper';

const DEFAULT_CASE: Omit<CaseFields, 'openedOn'> = {
  status: 'intake',
  priority: 'normal',
  riskLevel: 'medium',
  assignedTo: '',
  closedOn: null,
  summary: '',
};

/** A client's fields before anything beyond the legal name is known. */
export const DEFAULT_CLIENT: Omit<ClientFields, 'legalName'> = {
  originalNames: [],
  aliases: [],
  identityDocuments: [],
  dateOfBirth: null,
  nationality: '',
  residenceCountry: '',
  immigrationStatus: 'unknown',
  languages: [],
  safeContactMethods: '',
  safeContactTimes: '',
  ethnicity: '',
  religion: '',
  politicalActivity: '',
};

export async function getCase(db: DbOrTrx, id: string): Promise<CaseDto> {
  const row = await repo.findCase(db, id);
  if (!row) throw notFound('case');
  const client = await repo.findClientByCase(db, id);
  if (!client) throw new AppError('CORRUPT', 'This case has no client record. Restore the vault from a backup or report this.');
  return caseToDto(row, client, await repo.riskHistory(db, id));
}

/** Intake: a new case with its primary client, a code like CK-2026-0042 and the first risk entry. */
export async function createCase(ctx: RecordContext, input: CaseCreateInput, options: { code?: string; id?: string } = {}): Promise<CaseDto> {
  const now = ctx.now();
  const at = now.toISOString();
  const fields: CaseFields = { ...DEFAULT_CASE, openedOn: localDay(now), assignedTo: assigneeOf(ctx), ...input.case };
  const client: ClientFields = { ...DEFAULT_CLIENT, ...input.client };
  return ctx.db.transaction().execute(async (trx) => {
    const id = options.id ?? randomUUID();
    const code = options.code ?? (await nextCode(trx, now.getUTCFullYear()));
    await repo.insertCase(trx, {
      id,
      code,
      status: fields.status,
      priority: fields.priority,
      risk_level: fields.riskLevel,
      assigned_to: fields.assignedTo,
      opened_on: fields.openedOn,
      closed_on: fields.closedOn,
      summary: fields.summary,
      archived_at: null,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    const clientId = randomUUID();
    await repo.insertClient(trx, clientInsertRow(clientId, id, client, { version: 1, created_at: at, updated_at: at }));
    await repo.insertRiskChange(trx, { id: randomUUID(), case_id: id, risk_level: fields.riskLevel, changed_at: at, changed_by: ctx.actor, reason: 'Initial assessment at intake' });
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'create', entity: 'case', entityId: id, caseId: id, changes: diffFields(null, { code, ...fields }) });
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'create', entity: 'client', entityId: clientId, caseId: id, changes: diffFields(null, { ...client }) });
    return getCase(trx, id);
  });
}

async function nextCode(db: DbOrTrx, year: number): Promise<string> {
  const next = (await repo.highestCodeNumber(db, year)) + 1;
  return `CK-${year}-${String(next).padStart(4, '0')}`;
}

export async function updateCase(ctx: RecordContext, input: { id: string; version: number; patch: Partial<CaseFields>; riskReason?: string }): Promise<CaseDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findCase(trx, input.id);
    if (!row) throw notFound('case');
    await assertCurrentVersion(trx, 'case', 'case', row.id, row.version, input.version);
    const before = caseFieldsOf(row);
    const changes = diffFields(before as unknown as Record<string, unknown>, input.patch);
    if (changes.length === 0) return getCase(trx, row.id);
    const now = ctx.now();
    const at = now.toISOString();
    const patch = { ...input.patch };
    if (patch.status === 'closed' && !before.closedOn && patch.closedOn === undefined) patch.closedOn = localDay(now);
    await repo.updateCase(trx, row.id, row.version, { ...caseColumns(patch), version: row.version + 1, updated_at: at });
    if (patch.riskLevel !== undefined && patch.riskLevel !== before.riskLevel) {
      await repo.insertRiskChange(trx, {
        id: randomUUID(),
        case_id: row.id,
        risk_level: patch.riskLevel,
        changed_at: at,
        changed_by: ctx.actor,
        reason: input.riskReason ?? '',
      });
    }
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'update', entity: 'case', entityId: row.id, caseId: row.id, changes: diffFields(before as unknown as Record<string, unknown>, patch) });
    return getCase(trx, row.id);
  });
}

export async function updateClient(ctx: RecordContext, input: { id: string; version: number; patch: Partial<ClientFields> }): Promise<CaseDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findClient(trx, input.id);
    if (!row) throw notFound('client');
    await assertCurrentVersion(trx, 'client record', 'client', row.id, row.version, input.version);
    const before = clientFieldsOf(clientToDto(row));
    const changes = diffFields(before as unknown as Record<string, unknown>, input.patch);
    if (changes.length > 0) {
      const now = ctx.now();
      await repo.updateClient(trx, row.id, row.version, { ...clientColumns(input.patch), version: row.version + 1, updated_at: now.toISOString() });
      await trx.updateTable('case_file').set({ updated_at: now.toISOString() }).where('id', '=', row.case_id).execute();
      await appendAudit(trx, { actor: ctx.actor, at: now, action: 'update', entity: 'client', entityId: row.id, caseId: row.case_id, changes });
    }
    return getCase(trx, row.case_id);
  });
}

export async function setArchived(ctx: RecordContext, input: { id: string; version: number }, archived: boolean): Promise<CaseDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findCase(trx, input.id);
    if (!row) throw notFound('case');
    await assertCurrentVersion(trx, 'case', 'case', row.id, row.version, input.version);
    if ((row.archived_at !== null) === archived) return getCase(trx, row.id);
    const now = ctx.now();
    const archivedAt = archived ? now.toISOString() : null;
    await repo.updateCase(trx, row.id, row.version, { archived_at: archivedAt, version: row.version + 1, updated_at: now.toISOString() });
    await appendAudit(trx, {
      actor: ctx.actor,
      at: now,
      action: archived ? 'archive' : 'restore',
      entity: 'case',
      entityId: row.id,
      caseId: row.id,
      changes: [{ field: 'archivedAt', from: row.archived_at, to: archivedAt }],
    });
    return getCase(trx, row.id);
  });
}

export async function listCases(db: DbOrTrx, query: CaseListQuery): Promise<CaseListPage> {
  const parsed = caseListQuery.parse(query);
  const { rows, total } = await repo.list(db, parsed);
  return { items: rows.map(listRowToItem), total };
}

/**
 * Erases a case for good: the case and everything in it (client, threats,
 * evidence, referrals, consent, notes, tasks) and the contacts no other case
 * uses. Audit diffs that mention them are redacted; the log keeps only that
 * an erasure happened. Then the file is vacuumed (with secure_delete on) and
 * the WAL truncated, so none of it remains in the vault file.
 */
export async function eraseCase(ctx: RecordContext, input: { id: string; confirmCode: string }): Promise<{ erased: true }> {
  // Another connection reading an older snapshot would keep the erased pages in the file; refuse before erasing anything.
  if (!(await checkpointTruncated(ctx.db))) throw vaultHeldElsewhere('Nothing was erased.');
  await ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findCase(trx, input.id);
    if (!row) throw notFound('case');
    if (input.confirmCode.trim().toUpperCase() !== row.code) {
      throw new AppError('VALIDATION', `To erase this case, type its code (${row.code}) exactly. Nothing was erased.`);
    }
    const orphanContacts = await trx
      .selectFrom('case_contact')
      .select('contact_id')
      .where('case_id', '=', row.id)
      .where('contact_id', 'not in', (eb) => eb.selectFrom('case_contact').select('contact_id').where('case_id', '!=', row.id))
      .execute();
    await repo.deleteCase(trx, row.id);
    for (const { contact_id } of orphanContacts) {
      await trx.deleteFrom('contact').where('id', '=', contact_id).execute();
      await auditRepository.redactEntity(trx, 'contact', contact_id);
    }
    await auditRepository.redactCase(trx, row.id);
    await appendAudit(trx, { actor: ctx.actor, at: ctx.now(), action: 'erase', entity: 'case', entityId: row.id, caseId: null, changes: [] });
  });
  await compactVault(ctx.db);
  return { erased: true };
}

/**
 * Rewrites the database so freed pages are gone, then folds the WAL into the
 * file and empties it. The checkpoint cannot finish while another connection
 * (another process) still reads an older snapshot: the old pages then stay in
 * vault.db, so this is retried and otherwise reported, never ignored.
 */
export async function compactVault(db: DbOrTrx): Promise<void> {
  await sql`VACUUM`.execute(db);
  for (let attempt = 1; attempt <= CHECKPOINT_ATTEMPTS; attempt += 1) {
    if (await checkpointTruncated(db)) return;
  }
  throw vaultHeldElsewhere(
    'The case is gone from every list, but old copies of its pages stay in the vault file until that program closes. Close it, then lock the vault here: Casekeeper finishes clearing the file when it locks.',
  );
}

/** Each attempt already waits up to the connection's busy timeout (5 s) for readers to finish. */
const CHECKPOINT_ATTEMPTS = 2;

/** True when the whole WAL was written back and the WAL file emptied (no reader held an older snapshot). */
async function checkpointTruncated(db: DbOrTrx): Promise<boolean> {
  const { rows } = await sql<{ busy: number; log: number; checkpointed: number }>`PRAGMA wal_checkpoint(TRUNCATE)`.execute(db);
  const result = rows[0];
  return result !== undefined && result.busy === 0;
}

function vaultHeldElsewhere(outcome: string): AppError {
  return new AppError(
    'BUSY',
    `Another program has this vault open (the command-line tool, another copy of Casekeeper, or a backup or sync tool reading the file). ${outcome} Erasing needs the vault to itself, so that no copy of the case is left in the file.`,
  );
}

/** Caseworkers that cases are assigned to, for the list filter. */
export async function listAssignees(db: DbOrTrx): Promise<string[]> {
  const rows = await db.selectFrom('case_file').select('assigned_to').distinct().where('assigned_to', '!=', '').orderBy('assigned_to').execute();
  return rows.map((r) => r.assigned_to);
}
