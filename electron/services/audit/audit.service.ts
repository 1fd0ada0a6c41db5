import { createHash, randomBytes } from 'node:crypto';
import type { AuditEntryDto, AuditVerifyResult, FieldChange } from '../../../shared/domain/records';
import type { AuditEntryRow } from '../../db/schema';
import type { DbOrTrx } from '../records/context';
import { auditRepository } from './audit.repository';

/**
 * The audit log: one entry per change, append-only (enforced by triggers) and
 * hash-chained. Each entry's hash covers the previous hash and the entry's
 * fields, including a salted hash of its diff; the diff itself can be
 * redacted by an erasure without breaking the chain.
 */
export const GENESIS_HASH = '0'.repeat(64);

export type AuditAction = 'create' | 'update' | 'delete' | 'archive' | 'restore' | 'erase' | 'link' | 'unlink' | 'withdraw' | 'complete' | 'reopen' | 'import' | 'export';

export interface AuditInput {
  actor: string;
  at: Date;
  action: AuditAction;
  entity: string;
  entityId: string;
  caseId: string | null;
  changes: FieldChange[];
}

function sha256(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

function diffHash(salt: string, diff: string): string {
  return sha256(`${salt}\n${diff}`);
}

function entryHash(prevHash: string, e: Pick<AuditEntryRow, 'seq' | 'at' | 'actor' | 'action' | 'entity' | 'entity_id' | 'case_id' | 'diff_hash'>): string {
  return sha256(`${prevHash}\n${JSON.stringify([e.seq, e.at, e.actor, e.action, e.entity, e.entity_id, e.case_id, e.diff_hash])}`);
}

export async function appendAudit(db: DbOrTrx, input: AuditInput): Promise<void> {
  const previous = await auditRepository.last(db);
  const seq = (previous?.seq ?? 0) + 1;
  const prevHash = previous?.hash ?? GENESIS_HASH;
  const diff = JSON.stringify(input.changes);
  const salt = randomBytes(16).toString('hex');
  const row = {
    seq,
    at: input.at.toISOString(),
    actor: input.actor,
    action: input.action,
    entity: input.entity,
    entity_id: input.entityId,
    case_id: input.caseId,
    diff,
    diff_salt: salt,
    diff_hash: diffHash(salt, diff),
    prev_hash: prevHash,
    hash: '',
  };
  row.hash = entryHash(prevHash, row);
  await auditRepository.insert(db, row);
}

/** Walks the whole chain; reports the first entry that does not fit. */
export async function verifyAuditChain(db: DbOrTrx): Promise<AuditVerifyResult> {
  let expectedPrev = GENESIS_HASH;
  let expectedSeq = 1;
  let count = 0;
  for await (const entry of auditRepository.iterateAll(db)) {
    const broken = (problem: string): AuditVerifyResult => ({ ok: false, entries: count, firstBrokenSeq: entry.seq, problem });
    if (entry.seq !== expectedSeq) return { ...broken(`entry ${expectedSeq} is missing`), firstBrokenSeq: expectedSeq };
    if (entry.prev_hash !== expectedPrev) return broken('it does not follow the previous entry');
    if (entryHash(entry.prev_hash, entry) !== entry.hash) return broken('its content was altered');
    if (entry.diff !== null) {
      if (entry.diff_salt === null || diffHash(entry.diff_salt, entry.diff) !== entry.diff_hash) return broken('its recorded changes were altered');
    }
    expectedPrev = entry.hash;
    expectedSeq += 1;
    count += 1;
  }
  return { ok: true, entries: count, firstBrokenSeq: null, problem: null };
}

export async function listCaseHistory(db: DbOrTrx, caseId: string, limit = 500, beforeSeq?: number): Promise<AuditEntryDto[]> {
  const rows = await auditRepository.listForCase(db, caseId, limit, beforeSeq);
  return rows.map(toDto);
}

export function toDto(row: AuditEntryRow): AuditEntryDto {
  let changes: FieldChange[] | null = null;
  if (row.diff !== null) {
    try {
      changes = JSON.parse(row.diff) as FieldChange[];
    } catch {
      changes = null;
    }
  }
  return { seq: row.seq, at: row.at, actor: row.actor, action: row.action, entity: row.entity, entityId: row.entity_id, caseId: row.case_id, changes };
}

/**
 * Field-level diff of two plain records (only keys present in `after`).
 * Arrays and objects are compared by their JSON form.
 */
export function diffFields(before: Record<string, unknown> | null, after: Record<string, unknown>): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of Object.keys(after)) {
    const from = before ? before[field] : null;
    const to = after[field];
    if (JSON.stringify(from ?? null) !== JSON.stringify(to ?? null)) changes.push({ field, from: from ?? null, to: to ?? null });
  }
  return changes;
}
