import type { Insertable, Updateable } from 'kysely';
import type { Database, ThreatPerpetratorTable, ThreatEvidenceTable, ThreatRow } from '../../db/schema';
import type { DbOrTrx } from '../records/context';

async function caseExists(db: DbOrTrx, caseId: string): Promise<boolean> {
  return (await db.selectFrom('case_file').select('id').where('id', '=', caseId).executeTakeFirst()) !== undefined;
}

async function findThreat(db: DbOrTrx, id: string): Promise<ThreatRow | undefined> {
  return db.selectFrom('threat').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A case's threats as a timeline: latest incident first. */
async function listByCase(db: DbOrTrx, caseId: string): Promise<ThreatRow[]> {
  return db
    .selectFrom('threat')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('occurred_from', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .execute();
}

async function perpetratorsOf(db: DbOrTrx, threatIds: readonly string[]): Promise<ThreatPerpetratorTable[]> {
  if (threatIds.length === 0) return [];
  return db.selectFrom('threat_perpetrator').selectAll().where('threat_id', 'in', threatIds).orderBy('contact_id').execute();
}

async function evidenceOf(db: DbOrTrx, threatIds: readonly string[]): Promise<ThreatEvidenceTable[]> {
  if (threatIds.length === 0) return [];
  return db.selectFrom('threat_evidence').selectAll().where('threat_id', 'in', threatIds).orderBy('evidence_id').execute();
}

/** Of the given contact ids, those linked to the case. */
async function contactsLinkedToCase(db: DbOrTrx, caseId: string, contactIds: readonly string[]): Promise<Set<string>> {
  if (contactIds.length === 0) return new Set();
  const rows = await db.selectFrom('case_contact').select('contact_id').where('case_id', '=', caseId).where('contact_id', 'in', contactIds).execute();
  return new Set(rows.map((r) => r.contact_id));
}

/** Of the given evidence ids, those belonging to the case. */
async function evidenceOfCase(db: DbOrTrx, caseId: string, evidenceIds: readonly string[]): Promise<Set<string>> {
  if (evidenceIds.length === 0) return new Set();
  const rows = await db.selectFrom('evidence').select('id').where('case_id', '=', caseId).where('id', 'in', evidenceIds).execute();
  return new Set(rows.map((r) => r.id));
}

async function insertThreat(db: DbOrTrx, row: Insertable<Database['threat']>): Promise<void> {
  await db.insertInto('threat').values(row).execute();
}

async function updateThreat(db: DbOrTrx, id: string, version: number, set: Updateable<Database['threat']>): Promise<boolean> {
  const result = await db.updateTable('threat').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function deleteThreat(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('threat').where('id', '=', id).execute();
}

async function replacePerpetrators(db: DbOrTrx, threatId: string, contactIds: readonly string[]): Promise<void> {
  await db.deleteFrom('threat_perpetrator').where('threat_id', '=', threatId).execute();
  if (contactIds.length > 0) await db.insertInto('threat_perpetrator').values(contactIds.map((contact_id) => ({ threat_id: threatId, contact_id }))).execute();
}

async function replaceEvidence(db: DbOrTrx, threatId: string, evidenceIds: readonly string[]): Promise<void> {
  await db.deleteFrom('threat_evidence').where('threat_id', '=', threatId).execute();
  if (evidenceIds.length > 0) await db.insertInto('threat_evidence').values(evidenceIds.map((evidence_id) => ({ threat_id: threatId, evidence_id }))).execute();
}


export const threatsRepository = Object.freeze({
  caseExists,
  findThreat,
  listByCase,
  perpetratorsOf,
  evidenceOf,
  contactsLinkedToCase,
  evidenceOfCase,
  insertThreat,
  updateThreat,
  deleteThreat,
  replacePerpetrators,
  replaceEvidence,
});
