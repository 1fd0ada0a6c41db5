import { sql } from 'kysely';
import type { CaseListQuery } from '../../../shared/domain/records';
import type { CaseFileRow, ClientRow, Database, RiskChangeTable } from '../../db/schema';
import type { DbOrTrx } from '../records/context';
import type { Insertable, Updateable } from 'kysely';
import { TAXONOMY } from '../../../shared/taxonomy';

type ListQuery = Required<Pick<CaseListQuery, 'archived' | 'sort' | 'direction' | 'offset' | 'limit'>> & CaseListQuery;

async function findCase(db: DbOrTrx, id: string): Promise<CaseFileRow | undefined> {
  return db.selectFrom('case_file').selectAll().where('id', '=', id).executeTakeFirst();
}

async function findClientByCase(db: DbOrTrx, caseId: string): Promise<ClientRow | undefined> {
  return db.selectFrom('client').selectAll().where('case_id', '=', caseId).executeTakeFirst();
}

async function findClient(db: DbOrTrx, id: string): Promise<ClientRow | undefined> {
  return db.selectFrom('client').selectAll().where('id', '=', id).executeTakeFirst();
}

async function riskHistory(db: DbOrTrx, caseId: string): Promise<RiskChangeTable[]> {
  return db.selectFrom('risk_change').selectAll().where('case_id', '=', caseId).orderBy('changed_at', 'desc').execute();
}

async function insertCase(db: DbOrTrx, row: Insertable<Database['case_file']>): Promise<void> {
  await db.insertInto('case_file').values(row).execute();
}

async function insertClient(db: DbOrTrx, row: Insertable<Database['client']>): Promise<void> {
  await db.insertInto('client').values(row).execute();
}

async function insertRiskChange(db: DbOrTrx, row: RiskChangeTable): Promise<void> {
  await db.insertInto('risk_change').values(row).execute();
}

async function updateCase(db: DbOrTrx, id: string, version: number, set: Updateable<Database['case_file']>): Promise<boolean> {
  const result = await db.updateTable('case_file').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function updateClient(db: DbOrTrx, id: string, version: number, set: Updateable<Database['client']>): Promise<boolean> {
  const result = await db.updateTable('client').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The highest number used in this year's codes (CK-2026-0042 → 42). */
async function highestCodeNumber(db: DbOrTrx, year: number): Promise<number> {
  const row = await db
    .selectFrom('case_file')
    .select(sql<number>`max(cast(substr(code, 9) as integer))`.as('n'))
    .where('code', 'like', `CK-${year}-%`)
    .executeTakeFirst();
  return row?.n ?? 0;
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

function tacticIds(tactic: string): string[] {
  const category = TAXONOMY.find((c) => c.id === tactic);
  return category ? category.subtypes.map((s) => s.id) : [tactic];
}

const SORT_COLUMNS = {
  code: 'case_file.code',
  client: 'client.sort_name',
  status: 'case_file.status',
  risk: sql`CASE case_file.risk_level WHEN 'low' THEN 1 WHEN 'medium' THEN 2 WHEN 'high' THEN 3 ELSE 4 END`,
  opened: 'case_file.opened_on',
  updated: 'case_file.updated_at',
} as const;

async function list(db: DbOrTrx, query: ListQuery) {
  let base = db.selectFrom('case_file').innerJoin('client', 'client.case_id', 'case_file.id');
  if (query.archived === 'exclude') base = base.where('case_file.archived_at', 'is', null);
  if (query.archived === 'only') base = base.where('case_file.archived_at', 'is not', null);
  if (query.statuses?.length) base = base.where('case_file.status', 'in', query.statuses);
  if (query.riskLevels?.length) base = base.where('case_file.risk_level', 'in', query.riskLevels);
  if (query.assignedTo) base = base.where('case_file.assigned_to', '=', query.assignedTo);
  if (query.tactic) {
    const ids = tacticIds(query.tactic);
    base = base.where((eb) =>
      eb.exists(eb.selectFrom('threat').select('threat.id').whereRef('threat.case_id', '=', 'case_file.id').where('threat.tactic_id', 'in', ids)),
    );
  }
  if (query.text) {
    const pattern = `%${escapeLike(query.text.trim())}%`;
    base = base.where((eb) =>
      eb.or([
        eb('case_file.code', 'like', sql<string>`${pattern} ESCAPE '\\'`),
        eb('client.legal_name', 'like', sql<string>`${pattern} ESCAPE '\\'`),
        eb('client.sort_name', 'like', sql<string>`${pattern.toLowerCase()} ESCAPE '\\'`),
        eb('client.original_names', 'like', sql<string>`${pattern} ESCAPE '\\'`),
        eb('client.aliases', 'like', sql<string>`${pattern} ESCAPE '\\'`),
      ]),
    );
  }
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const order = SORT_COLUMNS[query.sort];
  const rows = await base
    .select([
      'case_file.id',
      'case_file.code',
      'case_file.status',
      'case_file.priority',
      'case_file.risk_level',
      'case_file.assigned_to',
      'case_file.opened_on',
      'case_file.archived_at',
      'case_file.updated_at',
      'client.legal_name',
      'client.original_names',
    ])
    .select((eb) => eb.selectFrom('threat').select((e) => e.fn.countAll<number>().as('c')).whereRef('threat.case_id', '=', 'case_file.id').as('threat_count'))
    .orderBy(typeof order === 'string' ? sql.ref(order) : order, query.direction)
    .orderBy('case_file.code', 'asc')
    .limit(query.limit)
    .offset(query.offset)
    .execute();
  return { rows, total: Number(totalRow?.n ?? 0) };
}

async function deleteCase(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('case_file').where('id', '=', id).execute();
}

export const casesRepository = Object.freeze({
  findCase,
  findClient,
  findClientByCase,
  riskHistory,
  insertCase,
  insertClient,
  insertRiskChange,
  updateCase,
  updateClient,
  highestCodeNumber,
  list,
  deleteCase,
});
