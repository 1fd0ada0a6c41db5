import type { Insertable, Updateable } from 'kysely';
import type { Database, EvidenceChunkTable, EvidenceRow, ThreatEvidenceTable } from '../../db/schema';
import type { DbOrTrx } from '../records/context';

/** Evidence bytes are stored in chunks of this size, inside the encrypted database. */
export const EVIDENCE_CHUNK_BYTES = 1024 * 1024;

async function caseExists(db: DbOrTrx, caseId: string): Promise<boolean> {
  return (await db.selectFrom('case_file').select('id').where('id', '=', caseId).executeTakeFirst()) !== undefined;
}

async function findEvidence(db: DbOrTrx, id: string): Promise<EvidenceRow | undefined> {
  return db.selectFrom('evidence').selectAll().where('id', '=', id).executeTakeFirst();
}

/** A case's evidence, latest intake first. */
async function listByCase(db: DbOrTrx, caseId: string): Promise<EvidenceRow[]> {
  return db.selectFrom('evidence').selectAll().where('case_id', '=', caseId).orderBy('created_at', 'desc').orderBy('collected_at', 'desc').orderBy('id').execute();
}

async function threatLinksOf(db: DbOrTrx, evidenceIds: readonly string[]): Promise<ThreatEvidenceTable[]> {
  if (evidenceIds.length === 0) return [];
  return db.selectFrom('threat_evidence').selectAll().where('evidence_id', 'in', evidenceIds).orderBy('threat_id').execute();
}

/** Of the given threat ids, those belonging to the case. */
async function threatsOfCase(db: DbOrTrx, caseId: string, threatIds: readonly string[]): Promise<Set<string>> {
  if (threatIds.length === 0) return new Set();
  const rows = await db.selectFrom('threat').select('id').where('case_id', '=', caseId).where('id', 'in', threatIds).execute();
  return new Set(rows.map((r) => r.id));
}

async function insertEvidence(db: DbOrTrx, row: Insertable<Database['evidence']>): Promise<void> {
  await db.insertInto('evidence').values(row).execute();
}

/** Writes the bytes as chunks seq 0..n-1. */
async function insertChunks(db: DbOrTrx, evidenceId: string, data: Buffer): Promise<void> {
  for (let seq = 0, offset = 0; offset < data.length; seq += 1, offset += EVIDENCE_CHUNK_BYTES) {
    await db
      .insertInto('evidence_chunk')
      .values({ evidence_id: evidenceId, seq, data: data.subarray(offset, offset + EVIDENCE_CHUNK_BYTES) })
      .execute();
  }
}

async function chunksOf(db: DbOrTrx, evidenceId: string): Promise<EvidenceChunkTable[]> {
  return db.selectFrom('evidence_chunk').selectAll().where('evidence_id', '=', evidenceId).orderBy('seq').execute();
}

/** The first stored chunk (up to 1 MiB): enough to tell what the file is without reading all of it. */
async function firstChunkOf(db: DbOrTrx, evidenceId: string): Promise<Uint8Array | null> {
  const row = await db.selectFrom('evidence_chunk').select('data').where('evidence_id', '=', evidenceId).where('seq', '=', 0).executeTakeFirst();
  return row?.data ?? null;
}

async function updateEvidence(db: DbOrTrx, id: string, version: number, set: Updateable<Database['evidence']>): Promise<boolean> {
  const result = await db.updateTable('evidence').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function replaceThreatLinks(db: DbOrTrx, evidenceId: string, threatIds: readonly string[]): Promise<void> {
  await db.deleteFrom('threat_evidence').where('evidence_id', '=', evidenceId).execute();
  if (threatIds.length > 0) await db.insertInto('threat_evidence').values(threatIds.map((threat_id) => ({ threat_id, evidence_id: evidenceId }))).execute();
}

/** Chunks and threat links go with it (ON DELETE CASCADE); secure_delete zeroes the freed pages. */
async function deleteEvidence(db: DbOrTrx, id: string): Promise<void> {
  await db.deleteFrom('evidence').where('id', '=', id).execute();
}


export const evidenceRepository = Object.freeze({
  caseExists,
  findEvidence,
  listByCase,
  threatLinksOf,
  threatsOfCase,
  insertEvidence,
  insertChunks,
  chunksOf,
  firstChunkOf,
  updateEvidence,
  replaceThreatLinks,
  deleteEvidence,
});
