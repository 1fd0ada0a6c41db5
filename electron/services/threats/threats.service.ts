import { parseInput } from '../records/validation';
import { touchCases } from '../records/case-touch';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { threatCreateInput, threatUpdateInput, type ThreatDto, type ThreatFields } from '../../../shared/domain/records';
import { isTacticId } from '../../../shared/taxonomy';
import { appendAudit, diffFields } from '../audit/audit.service';
import type { DbOrTrx, RecordContext } from '../records/context';
import { assertCurrentVersion, notFound } from '../records/versioning';
import { threatsRepository as repo } from './threats.repository';
import { threatColumns, threatFieldsOf, threatToDto } from './threats.mapper';

export type ThreatCreateInput = z.input<typeof threatCreateInput>;
export type ThreatUpdateInput = z.input<typeof threatUpdateInput>;

const OTHER_TACTIC = 'other.other';


function invalid(message: string): AppError {
  return new AppError('VALIDATION', `The threat was not saved. ${message}`);
}

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** Sorted, without repeats, so that link lists compare and store the same way every time. */
function normaliseIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

function normalise(fields: ThreatFields): ThreatFields {
  return { ...fields, perpetratorIds: normaliseIds(fields.perpetratorIds), evidenceIds: normaliseIds(fields.evidenceIds) };
}

/** The rules a threat must meet before it is stored, with messages a caseworker can act on. */
async function assertValidThreat(db: DbOrTrx, caseId: string, fields: ThreatFields): Promise<void> {
  if (!isTacticId(fields.tacticId)) throw invalid('Pick a tactic from the threat taxonomy; the one given is not in it.');
  if (fields.tacticId === OTHER_TACTIC && fields.tacticOther.trim() === '') throw invalid('Describe the tactic: “Other” needs a short description of what happened.');
  for (const [label, day] of [
    ['start date', fields.occurredFrom],
    ['end date', fields.occurredTo],
  ] as const) {
    if (day !== null && !isRealDay(day)) throw invalid(`The ${label} ${day} is not a real calendar date.`);
  }
  if (fields.datePrecision === 'range') {
    if (fields.occurredTo === null) throw invalid('A date range needs an end date.');
    if (fields.occurredTo < fields.occurredFrom) throw invalid('The end of the date range is before its start. Check the two dates.');
  } else if (fields.occurredTo !== null) {
    throw invalid('Only a date range has an end date. Choose “range” as the precision, or clear the end date.');
  }
  const contactIds = [...fields.perpetratorIds, ...(fields.targetContactId ? [fields.targetContactId] : [])];
  const linked = await repo.contactsLinkedToCase(db, caseId, contactIds);
  if (fields.targetContactId !== null && !linked.has(fields.targetContactId)) {
    throw invalid('The person targeted must be a contact of this case (or the client). Add them to the case’s contacts first.');
  }
  const foreign = fields.perpetratorIds.filter((id) => !linked.has(id));
  if (foreign.length > 0) {
    throw invalid(
      `${foreign.length === 1 ? 'One perpetrator is' : `${foreign.length} perpetrators are`} not a contact of this case. Link them to this case’s contacts first.`,
    );
  }
  const ownEvidence = await repo.evidenceOfCase(db, caseId, fields.evidenceIds);
  const strayEvidence = fields.evidenceIds.filter((id) => !ownEvidence.has(id));
  if (strayEvidence.length > 0) {
    throw invalid(`${strayEvidence.length === 1 ? 'One evidence item does' : `${strayEvidence.length} evidence items do`} not belong to this case. Only this case’s evidence can be linked.`);
  }
}

async function loadThreat(db: DbOrTrx, id: string): Promise<ThreatDto> {
  const row = await repo.findThreat(db, id);
  if (!row) throw notFound('threat');
  return threatToDto(row, { perpetrators: await repo.perpetratorsOf(db, [id]), evidence: await repo.evidenceOf(db, [id]) });
}

export async function getThreat(db: DbOrTrx, id: string): Promise<ThreatDto> {
  return loadThreat(db, id);
}

/** A case's threats as a timeline: latest incident first, then latest recorded. */
export async function listThreats(db: DbOrTrx, caseId: string): Promise<ThreatDto[]> {
  const rows = await repo.listByCase(db, caseId);
  const ids = rows.map((r) => r.id);
  const links = { perpetrators: await repo.perpetratorsOf(db, ids), evidence: await repo.evidenceOf(db, ids) };
  return rows.map((row) => threatToDto(row, links));
}

export async function createThreat(ctx: RecordContext, raw: ThreatCreateInput): Promise<ThreatDto> {
  const input = parseInput(threatCreateInput, raw, 'threat');
  const fields = normalise(input.threat);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.caseExists(trx, input.caseId))) throw notFound('case');
    await assertValidThreat(trx, input.caseId, fields);
    const now = ctx.now();
    const at = now.toISOString();
    const id = randomUUID();
    await repo.insertThreat(trx, { id, case_id: input.caseId, ...threatColumns(fields), version: 1, created_at: at, updated_at: at });
    await repo.replacePerpetrators(trx, id, fields.perpetratorIds);
    await repo.replaceEvidence(trx, id, fields.evidenceIds);
    await touchCases(trx, [input.caseId], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'create', entity: 'threat', entityId: id, caseId: input.caseId, changes: diffFields(null, { ...fields }) });
    return loadThreat(trx, id);
  });
}

export async function updateThreat(ctx: RecordContext, raw: ThreatUpdateInput): Promise<ThreatDto> {
  const input = parseInput(threatUpdateInput, raw, 'threat');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findThreat(trx, input.id);
    if (!row) throw notFound('threat');
    await assertCurrentVersion(trx, 'threat', 'threat', row.id, row.version, input.version);
    const before = threatFieldsOf(row, { perpetrators: await repo.perpetratorsOf(trx, [row.id]), evidence: await repo.evidenceOf(trx, [row.id]) });
    const patch = Object.fromEntries(Object.entries(input.patch).filter(([, v]) => v !== undefined)) as Partial<ThreatFields>;
    if (patch.perpetratorIds) patch.perpetratorIds = normaliseIds(patch.perpetratorIds);
    if (patch.evidenceIds) patch.evidenceIds = normaliseIds(patch.evidenceIds);
    const changes = diffFields(before as unknown as Record<string, unknown>, patch);
    if (changes.length === 0) return loadThreat(trx, row.id);
    const after: ThreatFields = { ...before, ...patch };
    await assertValidThreat(trx, row.case_id, after);
    const now = ctx.now();
    const at = now.toISOString();
    await repo.updateThreat(trx, row.id, row.version, { ...threatColumns(after), version: row.version + 1, updated_at: at });
    if (patch.perpetratorIds) await repo.replacePerpetrators(trx, row.id, after.perpetratorIds);
    if (patch.evidenceIds) await repo.replaceEvidence(trx, row.id, after.evidenceIds);
    await touchCases(trx, [row.case_id], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'update', entity: 'threat', entityId: row.id, caseId: row.case_id, changes });
    return loadThreat(trx, row.id);
  });
}

export async function deleteThreat(ctx: RecordContext, input: { id: string; version: number }): Promise<{ deleted: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findThreat(trx, input.id);
    if (!row) throw notFound('threat');
    await assertCurrentVersion(trx, 'threat', 'threat', row.id, row.version, input.version);
    const before = threatFieldsOf(row, { perpetrators: await repo.perpetratorsOf(trx, [row.id]), evidence: await repo.evidenceOf(trx, [row.id]) });
    const now = ctx.now();
    await repo.deleteThreat(trx, row.id);
    await touchCases(trx, [row.case_id], now.toISOString());
    const fields = before as unknown as Record<string, unknown>;
    await appendAudit(trx, {
      actor: ctx.actor,
      at: now,
      action: 'delete',
      entity: 'threat',
      entityId: row.id,
      caseId: row.case_id,
      changes: Object.keys(fields).map((field) => ({ field, from: fields[field] ?? null, to: null })),
    });
    return { deleted: true as const };
  });
}
