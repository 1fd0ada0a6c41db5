import type { DbOrTrx } from '../records/context';
import type { AuditEntryRow } from '../../db/schema';

async function last(db: DbOrTrx): Promise<Pick<AuditEntryRow, 'seq' | 'hash'> | undefined> {
  return db.selectFrom('audit_entry').select(['seq', 'hash']).orderBy('seq', 'desc').limit(1).executeTakeFirst();
}

async function insert(db: DbOrTrx, row: AuditEntryRow): Promise<void> {
  await db.insertInto('audit_entry').values(row).execute();
}

async function listForCase(db: DbOrTrx, caseId: string, limit: number, beforeSeq?: number): Promise<AuditEntryRow[]> {
  let query = db.selectFrom('audit_entry').selectAll().where('case_id', '=', caseId);
  if (beforeSeq !== undefined) query = query.where('seq', '<', beforeSeq);
  return query.orderBy('seq', 'desc').limit(limit).execute();
}

async function latestForEntity(db: DbOrTrx, entity: string, entityId: string): Promise<AuditEntryRow | undefined> {
  return db
    .selectFrom('audit_entry')
    .selectAll()
    .where('entity', '=', entity)
    .where('entity_id', '=', entityId)
    .orderBy('seq', 'desc')
    .limit(1)
    .executeTakeFirst();
}

async function* iterateAll(db: DbOrTrx, pageSize = 2000): AsyncGenerator<AuditEntryRow> {
  let after = 0;
  for (;;) {
    const page = await db.selectFrom('audit_entry').selectAll().where('seq', '>', after).orderBy('seq').limit(pageSize).execute();
    if (page.length === 0) return;
    yield* page;
    after = page[page.length - 1]!.seq;
  }
}

async function redactCase(db: DbOrTrx, caseId: string): Promise<void> {
  await db.updateTable('audit_entry').set({ diff: null, diff_salt: null }).where('case_id', '=', caseId).execute();
}

async function redactEntity(db: DbOrTrx, entity: string, entityId: string): Promise<void> {
  await db.updateTable('audit_entry').set({ diff: null, diff_salt: null }).where('entity', '=', entity).where('entity_id', '=', entityId).execute();
}

export const auditRepository = Object.freeze({ last, insert, listForCase, latestForEntity, iterateAll, redactCase, redactEntity });
