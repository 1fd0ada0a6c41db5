import { parseInput } from '../records/validation';
import { touchCases } from '../records/case-touch';
import { createHash, randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { EVIDENCE_MAX_BYTES, evidenceAddInput, evidenceFields, evidenceUpdateInput, type EvidenceDto } from '../../../shared/domain/records';
import { appendAudit, diffFields } from '../audit/audit.service';
import type { EvidenceRow } from '../../db/schema';
import type { DbOrTrx, RecordContext } from '../records/context';
import { assertCurrentVersion, notFound } from '../records/versioning';
import { evidenceRepository as repo } from './evidence.repository';
import { evidenceAuditFields, evidenceToDto } from './evidence.mapper';

export type EvidenceFieldsInput = z.input<typeof evidenceFields>;
export type EvidenceAddInput = z.input<typeof evidenceAddInput>;
export type EvidenceUpdateInput = z.input<typeof evidenceUpdateInput>;
export interface EvidenceBytesInput {
  caseId: string;
  evidence: EvidenceFieldsInput;
  data: Buffer;
  threatIds?: readonly string[];
}
export interface EvidenceContent {
  mediaType: string;
  fileName: string;
  dataBase64: string;
}

const MAX_FILE_NAME = 255;


function invalid(message: string): AppError {
  return new AppError('VALIDATION', `The evidence was not saved. ${message}`);
}

function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

function sha256(data: Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/** Base64 exactly as a browser's FileReader or Buffer writes it; anything else is refused rather than guessed at. */
export function decodeBase64Strict(text: string): Buffer {
  if (text.length % 4 !== 0 || !/^[A-Za-z0-9+/]*={0,2}$/.test(text)) throw invalid('The file’s contents arrived damaged (not valid base64). Attach it again.');
  const data = Buffer.from(text, 'base64');
  if (data.toString('base64') !== text) throw invalid('The file’s contents arrived damaged (not valid base64). Attach it again.');
  return data;
}

// Control characters, and the bidi controls that can disguise an extension ("photo‮gpj.exe").
const UNSAFE_NAME_CHARS = /[\p{Cc}\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu;

/** The base name only (no folders from either OS), control characters replaced, at most 255 characters. */
export function safeFileName(name: string): string {
  const base = (name.split(/[\\/]/).pop() ?? '').replace(UNSAFE_NAME_CHARS, '_').trim();
  if (base === '' || /^\.+$/.test(base)) return 'evidence';
  if (base.length <= MAX_FILE_NAME) return base;
  const dot = base.lastIndexOf('.');
  const extension = dot > 0 && base.length - dot <= 16 ? base.slice(dot) : '';
  let stem = '';
  for (const char of base.slice(0, base.length - extension.length)) {
    if (stem.length + char.length > MAX_FILE_NAME - extension.length) break;
    stem += char;
  }
  return stem + extension;
}

function normaliseIds(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

async function assertThreatsOfCase(db: DbOrTrx, caseId: string, threatIds: readonly string[]): Promise<void> {
  const own = await repo.threatsOfCase(db, caseId, threatIds);
  const stray = threatIds.filter((id) => !own.has(id));
  if (stray.length > 0) {
    throw invalid(`${stray.length === 1 ? 'One linked threat does' : `${stray.length} linked threats do`} not belong to this case. Evidence can only be linked to its own case’s threats.`);
  }
}

async function loadEvidence(db: DbOrTrx, id: string): Promise<EvidenceDto> {
  const row = await repo.findEvidence(db, id);
  if (!row) throw notFound('evidence item');
  return evidenceToDto(row, await repo.threatLinksOf(db, [id]));
}

/** Evidence from the UI: the file's bytes arrive as base64 over IPC. */
export async function addEvidence(ctx: RecordContext, raw: EvidenceAddInput): Promise<EvidenceDto> {
  const input = parseInput(evidenceAddInput, raw, 'evidence');
  return addEvidenceBytes(ctx, { caseId: input.caseId, evidence: input.evidence, data: decodeBase64Strict(input.dataBase64), threatIds: input.threatIds });
}

/**
 * Intake of an original: its SHA-256, size and collection log are recorded and
 * its bytes stored in 1 MiB chunks inside the encrypted database. Never
 * modified afterwards, and never written anywhere else.
 */
export async function addEvidenceBytes(ctx: RecordContext, input: EvidenceBytesInput): Promise<EvidenceDto> {
  const size = input.data.length;
  if (size === 0) throw invalid('This file is empty (0 bytes). Check that you picked the right file.');
  if (size > EVIDENCE_MAX_BYTES) {
    throw invalid(`This file is ${mebibytes(size)}; the limit for evidence is ${mebibytes(EVIDENCE_MAX_BYTES)}. Split it or keep it outside Casekeeper.`);
  }
  const fields = parseInput(evidenceFields, {
    ...input.evidence,
    fileName: safeFileName(input.evidence.fileName),
    collectedBy: input.evidence.collectedBy.trim() === '' ? ctx.actor : input.evidence.collectedBy,
  }, 'evidence');
  const threatIds = normaliseIds(input.threatIds ?? []);
  const digest = sha256(input.data);
  return ctx.db.transaction().execute(async (trx) => {
    if (!(await repo.caseExists(trx, input.caseId))) throw notFound('case');
    await assertThreatsOfCase(trx, input.caseId, threatIds);
    const now = ctx.now();
    const at = now.toISOString();
    const id = randomUUID();
    await repo.insertEvidence(trx, {
      id,
      case_id: input.caseId,
      file_name: fields.fileName,
      media_type: fields.mediaType,
      size_bytes: size,
      sha256: digest,
      collected_at: fields.collectedAt,
      collected_how: fields.collectedHow,
      collected_by: fields.collectedBy,
      collected_from: fields.collectedFrom,
      description: fields.description,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await repo.insertChunks(trx, id, input.data);
    await repo.replaceThreatLinks(trx, id, threatIds);
    await touchCases(trx, [input.caseId], at);
    const dto = await loadEvidence(trx, id);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'create', entity: 'evidence', entityId: id, caseId: input.caseId, changes: diffFields(null, evidenceAuditFields(dto)) });
    return dto;
  });
}

/** A case's evidence, latest intake first, each with the threats it supports. */
export async function listEvidence(db: DbOrTrx, caseId: string): Promise<EvidenceDto[]> {
  const rows = await repo.listByCase(db, caseId);
  const links = await repo.threatLinksOf(db, rows.map((r) => r.id));
  return rows.map((row) => evidenceToDto(row, links));
}

export async function getEvidence(db: DbOrTrx, id: string): Promise<EvidenceDto> {
  return loadEvidence(db, id);
}

/** The original's bytes, reassembled in memory and checked against the SHA-256 recorded at intake. */
async function readVerified(db: DbOrTrx, id: string): Promise<{ row: EvidenceRow; data: Buffer }> {
  const row = await repo.findEvidence(db, id);
  if (!row) throw notFound('evidence item');
  const chunks = await repo.chunksOf(db, id);
  const complete = chunks.every((chunk, index) => chunk.seq === index);
  const data = Buffer.concat(chunks.map((c) => c.data));
  if (!complete || data.length !== row.size_bytes || sha256(data) !== row.sha256) {
    throw new AppError(
      'CORRUPT',
      'This evidence file’s stored copy does not match the SHA-256 fingerprint recorded when it was added: it has been damaged or altered, so it was not opened. Restore the vault from a backup, or report this.',
    );
  }
  return { row, data };
}

/** For internal use (packets, export): the verified original, never written to disk. */
export async function readEvidenceBytes(db: DbOrTrx, id: string): Promise<Buffer> {
  return (await readVerified(db, id)).data;
}

/** The start of the original, to tell what type of file it is (not verified: only readEvidenceBytes is). */
export async function readEvidenceHead(db: DbOrTrx, id: string): Promise<Uint8Array> {
  const head = await repo.firstChunkOf(db, id);
  if (!head) throw notFound('evidence item');
  return head;
}

/** For viewing in the app: decrypted and verified in memory only. */
export async function getEvidenceContent(db: DbOrTrx, id: string): Promise<EvidenceContent> {
  const { row, data } = await readVerified(db, id);
  return { mediaType: row.media_type, fileName: row.file_name, dataBase64: data.toString('base64') };
}

/** Only the description and threat links can change; the original and its collection log cannot. */
export async function updateEvidence(ctx: RecordContext, raw: EvidenceUpdateInput): Promise<EvidenceDto> {
  const input = parseInput(evidenceUpdateInput, raw, 'evidence');
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findEvidence(trx, input.id);
    if (!row) throw notFound('evidence item');
    await assertCurrentVersion(trx, 'evidence item', 'evidence', row.id, row.version, input.version);
    const current = evidenceToDto(row, await repo.threatLinksOf(trx, [row.id]));
    const patch: { description?: string; threatIds?: string[] } = {};
    if (input.patch.description !== undefined) patch.description = input.patch.description;
    if (input.patch.threatIds !== undefined) patch.threatIds = normaliseIds(input.patch.threatIds);
    const changes = diffFields({ description: current.description, threatIds: current.threatIds }, patch);
    if (changes.length === 0) return current;
    if (patch.threatIds) await assertThreatsOfCase(trx, row.case_id, patch.threatIds);
    const now = ctx.now();
    const at = now.toISOString();
    await repo.updateEvidence(trx, row.id, row.version, {
      ...(patch.description !== undefined ? { description: patch.description } : {}),
      version: row.version + 1,
      updated_at: at,
    });
    if (patch.threatIds) await repo.replaceThreatLinks(trx, row.id, patch.threatIds);
    await touchCases(trx, [row.case_id], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'update', entity: 'evidence', entityId: row.id, caseId: row.case_id, changes });
    return loadEvidence(trx, row.id);
  });
}

export async function deleteEvidence(ctx: RecordContext, input: { id: string; version: number }): Promise<{ deleted: true }> {
  return ctx.db.transaction().execute(async (trx) => {
    const row = await repo.findEvidence(trx, input.id);
    if (!row) throw notFound('evidence item');
    await assertCurrentVersion(trx, 'evidence item', 'evidence', row.id, row.version, input.version);
    const before = evidenceAuditFields(evidenceToDto(row, await repo.threatLinksOf(trx, [row.id])));
    const now = ctx.now();
    await repo.deleteEvidence(trx, row.id);
    await touchCases(trx, [row.case_id], now.toISOString());
    await appendAudit(trx, {
      actor: ctx.actor,
      at: now,
      action: 'delete',
      entity: 'evidence',
      entityId: row.id,
      caseId: row.case_id,
      changes: Object.keys(before).map((field) => ({ field, from: before[field] ?? null, to: null })),
    });
    return { deleted: true as const };
  });
}
