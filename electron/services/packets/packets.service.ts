import { randomUUID } from 'node:crypto';
import { stat } from 'node:fs/promises';
import { basename, dirname, isAbsolute } from 'node:path';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { toReferralJson, type PacketDocument } from '../../../shared/domain/packet';
import type { Settings } from '../../../shared/ipc/contract';
import type { PacketHistoryEntry, PacketPreview, packetRequest } from '../../../shared/ipc/packets-contract';
import { tacticOf } from '../../../shared/taxonomy';
import type { PacketExportTable } from '../../db/schema';
import { appendAudit, type AuditInput } from '../audit/audit.service';
import { getCase } from '../cases/cases.service';
import { listContacts } from '../contacts/contacts.service';
import { listEvidence, readEvidenceBytes, readEvidenceHead } from '../evidence/evidence.service';
import { fileWriteError, forgetTemp, placeFile, removeLeftoverPartials, writeTempFile } from '../files/atomic-write';
import { defaultProfileFor, getProfile } from '../profiles/profiles.service';
import type { DbOrTrx, RecordContext } from '../records/context';
import { getReferral } from '../referrals/referrals.service';
import { listThreats } from '../threats/threats.service';
import { consentGateFor } from './consent-gate';
import { prepareEvidenceCopy } from './evidence-copy';
import { scanPacketFiles } from './packet-scan';
import { sniffFileType } from './sniff';
import { assemblePacket, sha256Hex, type ManifestConsent, type PacketFileInput } from './manifest';
import { buildPacket, type BuiltPacket, type PacketSource } from './packet-content';
import { packetHistoryRepository as history } from './packet-history.repository';
import { renderPacketPdf } from './pdf';
import { sealPacket } from './seal';
import { manifestSha256 } from './verify';
import { writePacketZip } from './zip';

/**
 * Referral packets, end to end (DESIGN §6): preview what would go, then
 * export — evidence copies, PDF, JSON, manifest — re-read everything for
 * withheld values, write the ZIP only if clean, and record it.
 */

export type PacketRequestInput = z.output<typeof packetRequest>;

export interface PacketEnvironment {
  today: string;
  settings: Settings;
  generatorVersion: string;
}

interface Gathered {
  source: PacketSource;
  profile: Awaited<ReturnType<typeof getProfile>>;
}

async function gather(db: DbOrTrx, request: PacketRequestInput, env: PacketEnvironment): Promise<Gathered> {
  const referral = await getReferral(db, request.referralId, env.today);
  const caseRecord = await getCase(db, referral.caseId);
  const [contacts, threats, recorded] = await Promise.all([
    listContacts(db, { caseId: caseRecord.id, limit: 500 }),
    listThreats(db, caseRecord.id),
    listEvidence(db, caseRecord.id),
  ]);
  // What a file is comes from its bytes, not the type recorded at intake: a PDF saved as "photo.jpg" is a PDF to the profile too.
  const evidence = await Promise.all(recorded.map(async (e) => ({ ...e, mediaType: sniffFileType(await readEvidenceHead(db, e.id), e.mediaType).mediaType })));
  const profile = request.profileId ? await getProfile(db, request.profileId) : await defaultProfileFor(db, referral.recipientType);
  const gate = await consentGateFor(db, referral, request.overrideReason, env.today);
  const organisation = { name: env.settings.organisationName.trim(), contact: env.settings.organisationContact.trim() };
  return { profile, source: { caseRecord, contacts: contacts.items, threats, evidence, referral, profile: profile.profile, gate, organisation } };
}

function build(gathered: Gathered, request: PacketRequestInput, meta: { packetId: string; generatedAt: string; generatorVersion: string }): BuiltPacket {
  return buildPacket(gathered.source, { threatIds: request.threatIds, evidenceIds: request.evidenceIds, includeAsIs: request.includeAsIs, templateAnswers: request.templateAnswers, keepPossible: request.keepPossible ?? [] }, meta);
}

/** "CK-2026-0042_police_2026-11-29.zip": case code, recipient type, date. Never a name. */
export function packetFileName(caseCode: string, recipientType: string, day: string, sealed = false): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]+/g, '-');
  return `${safe(caseCode)}_${safe(recipientType)}_${day}${sealed ? '_sealed' : ''}.zip`;
}

export async function previewPacket(db: DbOrTrx, request: PacketRequestInput, env: PacketEnvironment, now: Date): Promise<PacketPreview> {
  const gathered = await gather(db, request, env);
  const built = build(gathered, request, { packetId: 'assigned-at-export', generatedAt: now.toISOString(), generatorVersion: env.generatorVersion });
  const chosen = new Set(request.threatIds);
  const { source } = gathered;
  return {
    document: built.document,
    profile: gathered.profile,
    gate: source.gate,
    threats: [...source.threats]
      .sort((a, b) => a.occurredFrom.localeCompare(b.occurredFrom))
      .map((t) => ({ id: t.id, occurredFrom: t.occurredFrom, tactic: tacticOf(t.tacticId)?.subtype.label ?? (t.tacticOther || 'Other'), selected: chosen.has(t.id) })),
    evidence: built.evidenceOptions,
    blockers: organisationBlocker(env).concat(built.blockers),
    suggestedFileName: packetFileName(source.caseRecord.code, source.referral.recipientType, env.today),
  };
}

function organisationBlocker(env: PacketEnvironment): string[] {
  return env.settings.organisationName.trim() === '' ? ['Set the name of your organisation in Settings first: every packet says who referred the case.'] : [];
}

export interface ExportOptions {
  /** Where to write the ZIP; the folder must exist and the file must not. */
  path: string;
  sealPassphrase: string | null;
}

function manifestConsentOf(consent: PacketDocument['consent']): ManifestConsent {
  return consent.kind === 'consent'
    ? { kind: 'consent', consentId: consent.consentId, givenOn: consent.givenOn, expiresOn: consent.expiresOn, scopeIdentity: consent.scopeIdentity, scopeEvidence: consent.scopeEvidence }
    : { kind: 'override', reason: consent.reason.text };
}

async function assertDestination(path: string): Promise<void> {
  if (!isAbsolute(path)) throw new AppError('VALIDATION', 'Give the full path of the packet file, for example /home/you/CK-2026-0001_police.zip, or choose it with “Choose…”.');
  if (!path.toLowerCase().endsWith('.zip')) throw new AppError('VALIDATION', 'A packet is a ZIP file: end its name with “.zip”.');
  const folder = await stat(dirname(path)).catch(() => null);
  if (!folder?.isDirectory()) throw new AppError('VALIDATION', `The folder ${dirname(path)} does not exist. Choose another place to save the packet.`);
  if (await stat(path).catch(() => null)) throw new AppError('ALREADY_EXISTS', `A file named “${basename(path)}” is already there. Choose another name or folder; Casekeeper never replaces an existing packet.`);
}

/**
 * Builds and writes one packet. Nothing is written unless the consent gate,
 * the blockers and the leak scan all pass; the file is written atomically
 * and removed again if it cannot be recorded, so every packet that exists is
 * in the referral's history and the audit log.
 */
export async function exportPacket(ctx: RecordContext, request: PacketRequestInput, env: PacketEnvironment, options: ExportOptions): Promise<{ path: string; entry: PacketHistoryEntry }> {
  await assertDestination(options.path);
  const gathered = await gather(ctx.db, request, env);
  const { source } = gathered;
  const now = ctx.now();
  const packetId = randomUUID();
  const built = build(gathered, request, { packetId, generatedAt: now.toISOString(), generatorVersion: env.generatorVersion });
  if (source.gate.state === 'blocked') throw new AppError('CONSENT_REQUIRED', `The packet was not exported. ${source.gate.message}`);
  const blockers = organisationBlocker(env).concat(built.blockers);
  if (blockers.length > 0) throw new AppError('VALIDATION', `The packet was not exported. ${blockers.join(' ')}`);

  const document = built.document;
  const evidenceFiles: PacketFileInput[] = [];
  for (const [i, plan] of built.evidencePlan.entries()) {
    const copy = await prepareEvidenceCopy({
      ref: plan.ref,
      bytes: await readEvidenceBytes(ctx.db, plan.evidenceId),
      mediaType: document.evidence[i]!.mediaType,
      includeAsIs: request.includeAsIs.includes(plan.evidenceId),
    });
    const entry = document.evidence[i]!;
    entry.path = `${entry.path}.${copy.extension}`;
    entry.mediaType = copy.mediaType;
    entry.sizeBytes = copy.data.byteLength;
    entry.treatment = copy.treatment;
    const file: PacketFileInput = { path: entry.path, data: copy.data, mediaType: copy.mediaType, role: 'evidence', treatment: copy.treatment, ref: plan.ref };
    entry.sha256 = sha256Hex(copy.data);
    evidenceFiles.push(file);
  }

  const json = new TextEncoder().encode(`${JSON.stringify(toReferralJson(document), null, 2)}\n`);
  const pdf = await renderPacketPdf(document);
  const assembled = assemblePacket({
    packetId,
    generatedAt: now,
    generatorVersion: env.generatorVersion,
    caseCode: document.caseCode,
    recipient: { type: document.recipient.type, organisation: document.recipient.organisation },
    profile: document.profile,
    template: document.template,
    consent: manifestConsentOf(document.consent),
    files: [
      { path: 'referral.pdf', data: pdf, mediaType: 'application/pdf', role: 'pdf' },
      { path: 'referral.json', data: json, mediaType: 'application/json', role: 'json' },
      ...evidenceFiles,
    ],
    redactions: document.redactions,
  });

  const sealed = options.sealPassphrase !== null;
  const fileName = basename(options.path);
  const innerName = packetFileName(document.caseCode, document.recipient.type, env.today);
  // Zipped first so the scan also reads the ZIP's names and comments as written; nothing reaches the disk before the scan passes.
  const zip = await writePacketZip(assembled.entries, { modified: now });
  const hits = await scanPacketFiles(assembled.entries, built.withheld, sealed ? [fileName, innerName] : [fileName], { kept: built.kept, disclosed: built.disclosed, zip });
  if (hits.length > 0) {
    const where = hits.map((h) => `${h.file} (${h.field}) contains ${h.label}${h.count > 1 ? ` ×${h.count}` : ''} in “${h.excerpt}”`).join('; ');
    throw new AppError('LEAK_DETECTED', `The packet was not written: a withheld value was found in it. ${where}. Leave that file out, or correct the record it comes from, then export again.`);
  }

  const bytes = sealed ? await sealPacket(innerName, zip, options.sealPassphrase!, { modified: now }) : zip;

  const row = {
    id: randomUUID(),
    packet_id: packetId,
    case_id: source.caseRecord.id,
    referral_id: source.referral.id,
    created_at: now.toISOString(),
    created_by: ctx.actor,
    file_name: fileName,
    recipient_type: source.referral.recipientType,
    profile_id: document.profile.id,
    profile_label: document.profile.label,
    consent_id: document.consent.kind === 'consent' ? document.consent.consentId : null,
    override_reason: source.gate.state === 'override' ? source.gate.reason : null,
    manifest_sha256: manifestSha256(assembled.manifestBytes),
    sealed: sealed ? 1 : 0,
    threat_count: document.timeline.length,
    evidence_count: document.evidence.length,
    redaction_count: document.redactions.reduce((n, r) => n + r.count, 0),
  };
  await writeRecordedPacket(ctx, options.path, bytes, row, {
    actor: ctx.actor,
    at: now,
    action: 'export',
    entity: 'referral',
    entityId: source.referral.id,
    caseId: source.caseRecord.id,
    changes: [
      { field: 'packetId', from: null, to: packetId },
      { field: 'recipient', from: null, to: `${source.referral.recipientType}: ${source.referral.recipientOrg}` },
      { field: 'profile', from: null, to: document.profile.id },
      { field: row.consent_id ? 'consent' : 'overrideReason', from: null, to: row.consent_id ?? row.override_reason },
      { field: 'manifestSha256', from: null, to: row.manifest_sha256 },
      { field: 'sealed', from: null, to: sealed },
    ],
  });
  return { path: options.path, entry: history.toEntry(row) };
}

/**
 * Crash-safe order (issue 10 §4): the whole ZIP goes into a hidden temp file
 * in the destination folder (`.casekeeper-*.partial`, fsynced); then the
 * history row and the audit entry are committed; only then does the packet
 * get its name. A kill at any moment leaves no packet, or a complete one that
 * is in the history. Leftover temp files from a killed export are removed at
 * the next export into that folder and at unlock.
 */
async function writeRecordedPacket(ctx: RecordContext, path: string, bytes: Uint8Array, row: PacketExportTable, audit: AuditInput): Promise<void> {
  const folder = dirname(path);
  removeLeftoverPartials(folder);
  let temp: string;
  try {
    temp = writeTempFile(folder, bytes);
  } catch (error) {
    throw fileWriteError(error, 'the packet');
  }
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await history.insert(trx, row);
      await appendAudit(trx, audit);
    });
    try {
      placeFile(temp, path, 'exclusive', { noun: 'the packet' });
    } catch (error) {
      // Recorded but not written: take the history row back and say so in the (append-only) audit log.
      await ctx.db.transaction().execute(async (trx) => {
        await history.remove(trx, row.id);
        await appendAudit(trx, { ...audit, at: ctx.now(), action: 'delete', changes: [{ field: 'packetId', from: row.packet_id, to: null }] });
      });
      throw error instanceof AppError ? error : fileWriteError(error, 'the packet');
    }
  } finally {
    forgetTemp(temp);
  }
}

export async function listPacketHistory(db: DbOrTrx, referralId: string): Promise<PacketHistoryEntry[]> {
  return (await history.forReferral(db, referralId)).map(history.toEntry);
}
