import { sql } from 'kysely';
import { clientInsertRow } from '../cases/cases.mapper';
import { createHash } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { isTacticId } from '../../../shared/taxonomy';
import { isPurposeOf, PURPOSES } from '../../../shared/purposes';
import type { RecipientType } from '../../../shared/domain/enums';
import { appendAudit, diffFields, type AuditInput } from '../audit/audit.service';
import { casesRepository } from '../cases/cases.repository';
import { consentsRepository } from '../consents/consents.repository';
import { contactsRepository } from '../contacts/contacts.repository';
import { newContactColumns } from '../contacts/contacts.mapper';
import { decodeBase64Strict, safeFileName } from '../evidence/evidence.service';
import { evidenceRepository } from '../evidence/evidence.repository';
import { notesRepository } from '../notes/notes.repository';
import type { DbOrTrx, RecordContext, Trx } from '../records/context';
import { referralsRepository } from '../referrals/referrals.repository';
import { tasksRepository } from '../tasks/tasks.repository';
import { threatColumns } from '../threats/threats.mapper';
import { threatsRepository } from '../threats/threats.repository';
import { summariseDocument } from './export.service';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, jsonPath, readerFor, type ExportCase, type ExportDocument } from './format';

/** One thing wrong with an import file, at its JSON path ($.cases[3].threats[0].tacticId). */
export interface ImportProblem {
  path: string;
  message: string;
}

export interface ImportSummary {
  cases: number;
  contacts: number;
  evidence: number;
  /** Records written, each with one 'import' audit entry. */
  records: number;
}

/** How many problems the error message lists; the CLI prints them all. */
const LISTED_PROBLEMS = 20;

/** An import refused before anything was written; `problems` has every problem found. */
export class ImportRejectedError extends AppError {
  readonly problems: readonly ImportProblem[];

  constructor(problems: readonly ImportProblem[]) {
    super('VALIDATION', formatImportProblems(problems));
    this.problems = problems;
  }
}

export function formatImportProblems(problems: readonly ImportProblem[], limit = LISTED_PROBLEMS): string {
  const count = problems.length;
  const lines = problems.slice(0, limit).map((p) => `${p.path}: ${p.message}`);
  if (count > limit) lines.push(`…and ${count - limit} more.`);
  return `The file was not imported: ${count === 1 ? '1 problem' : `${count} problems`} found, and nothing was changed.\n${lines.join('\n')}`;
}

type Json = Record<string, unknown>;
type Segment = string | number;
const obj = (value: unknown): Json | undefined => (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined);
const arr = (value: unknown): unknown[] => (Array.isArray(value) ? value : []);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function isRealDay(day: string): boolean {
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

type VaultTable = 'contact' | 'case_file' | 'client' | 'risk_change' | 'threat' | 'evidence' | 'referral' | 'consent' | 'note' | 'task';

interface Validation {
  problems: ImportProblem[];
  doc?: ExportDocument;
  /** Decoded and SHA-256-checked evidence bytes, by evidence id. */
  evidenceBytes: Map<string, Buffer>;
}

/** Every problem of the document, without writing anything. Empty: it can be imported. */
export async function listImportProblems(db: DbOrTrx, raw: unknown): Promise<ImportProblem[]> {
  return (await validate(db, raw)).problems;
}

/**
 * Imports a whole "casekeeper-export" document: checks everything first (the
 * schema, taxonomy ids, references between records, every evidence file
 * against its SHA-256, ids and case codes already in the vault), then writes
 * all of it in one transaction with one 'import' audit entry per record.
 * Any problem: ImportRejectedError listing them, and nothing is written.
 * Ids, versions and timestamps are kept, so an export of the result equals
 * the file.
 */
export async function importDocument(ctx: RecordContext, raw: unknown): Promise<ImportSummary> {
  const summary = await ctx.db.transaction().execute(async (trx) => {
    const { problems, doc, evidenceBytes } = await validate(trx, raw);
    if (problems.length > 0 || !doc) throw new ImportRejectedError(problems);
    await writeDocument(trx, ctx, doc, evidenceBytes);
    return summariseDocument(doc);
  });
  // A bulk load changes the data's shape: refresh the query planner's statistics.
  // Only an optimisation, after the commit: a busy or full disk here must never
  // turn an import that succeeded into a failure ("nothing was changed").
  try {
    await sql`ANALYZE`.execute(ctx.db);
  } catch {
    // The statistics are refreshed again when the vault is locked (PRAGMA optimize).
  }
  return summary;
}

async function validate(db: DbOrTrx, raw: unknown): Promise<Validation> {
  const evidenceBytes = new Map<string, Buffer>();
  const root = obj(raw);
  if (!root || root.format !== EXPORT_FORMAT) {
    const where = root ? '$.format' : '$';
    return { problems: [{ path: where, message: `This is not a Casekeeper export: the file must be a JSON object with "format": "${EXPORT_FORMAT}".` }], evidenceBytes };
  }
  const formatVersion = root.formatVersion;
  if (typeof formatVersion === 'number' && Number.isInteger(formatVersion) && formatVersion > EXPORT_FORMAT_VERSION) {
    return {
      problems: [
        {
          path: '$.formatVersion',
          message: `This file uses export format version ${formatVersion}, written by a newer Casekeeper. This Casekeeper reads format versions 1 to ${EXPORT_FORMAT_VERSION}: update Casekeeper, then import the file again.`,
        },
      ],
      evidenceBytes,
    };
  }

  const problems: ImportProblem[] = [];
  const parsed = readerFor(formatVersion).safeParse(raw);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === 'unrecognized_keys') {
        for (const key of issue.keys) problems.push({ path: jsonPath([...issue.path, key]), message: 'This field is not part of the format. Remove it.' });
      } else {
        problems.push({ path: jsonPath(issue.path), message: issue.message });
      }
    }
  }
  // Checked on the raw document, so a file with a wrong type in one place still gets every other problem reported.
  const checks = new ReferenceChecks(evidenceBytes);
  checks.run(root);
  problems.push(...checks.problems);
  problems.push(...(await vaultConflicts(db, checks.stored, checks.codes)));

  const seen = new Set<string>();
  const unique = problems.filter((p) => {
    const key = `${p.path}\n${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return { problems: unique, doc: parsed.success ? parsed.data : undefined, evidenceBytes };
}

/** Rules between records that a schema cannot express. */
class ReferenceChecks {
  readonly problems: ImportProblem[] = [];
  /** Ids to look up in the vault, by table. */
  readonly stored: Array<{ table: VaultTable; id: string; path: string }> = [];
  readonly codes: Array<{ code: string; path: string }> = [];
  private readonly ids = new Map<string, string>();

  constructor(private readonly evidenceBytes: Map<string, Buffer>) {}

  private add(segments: Segment[], message: string): void {
    this.problems.push({ path: jsonPath(segments), message });
  }

  /** Every id in the file names one record. */
  private claim(table: VaultTable, value: unknown, segments: Segment[]): void {
    const id = str(value);
    if (id === undefined) return;
    const path = jsonPath(segments);
    const first = this.ids.get(id);
    if (first !== undefined) this.add(segments, `The id ${id} is used twice in this file (also at ${first}). Every record needs its own id.`);
    else this.ids.set(id, path);
    this.stored.push({ table, id, path });
  }

  run(root: Json): void {
    const contactIds = new Set<string>();
    arr(root.contacts).forEach((value, i) => {
      const contact = obj(value);
      this.claim('contact', contact?.id, ['contacts', i, 'id']);
      const id = str(contact?.id);
      if (id !== undefined) contactIds.add(id);
    });
    const codes = new Map<string, string>();
    arr(root.cases).forEach((value, i) => {
      const kase = obj(value);
      if (!kase) return;
      const at = (...segments: Segment[]): Segment[] => ['cases', i, ...segments];
      this.claim('case_file', kase.id, at('id'));
      const code = str(kase.code);
      if (code !== undefined) {
        const first = codes.get(code);
        if (first !== undefined) this.add(at('code'), `The case code ${code} is used twice in this file (also at ${first}).`);
        else codes.set(code, jsonPath(at('code')));
        this.codes.push({ code, path: jsonPath(at('code')) });
      }
      this.claim('client', obj(kase.client)?.id, at('client', 'id'));
      arr(kase.riskHistory).forEach((r, j) => this.claim('risk_change', obj(r)?.id, at('riskHistory', j, 'id')));
      this.checkCase(kase, at, contactIds);
    });
  }

  private checkCase(kase: Json, at: (...segments: Segment[]) => Segment[], contactIds: ReadonlySet<string>): void {
    const linked = new Set<string>();
    arr(kase.contactLinks).forEach((value, j) => {
      const id = str(obj(value)?.contactId);
      if (id === undefined) return;
      if (!contactIds.has(id)) this.add(at('contactLinks', j, 'contactId'), `There is no contact with id ${id} in $.contacts. Add the contact there, or remove this link.`);
      if (linked.has(id)) this.add(at('contactLinks', j, 'contactId'), 'This contact is linked to the case twice. Keep one link.');
      linked.add(id);
    });
    const idsOf = (key: string): Set<string> => new Set(arr(kase[key]).flatMap((v) => str(obj(v)?.id) ?? []));
    const evidenceIds = idsOf('evidence');
    const threatIds = idsOf('threats');
    const referralIds = idsOf('referrals');

    arr(kase.evidence).forEach((value, j) => this.checkEvidence(obj(value), (...s) => at('evidence', j, ...s)));
    arr(kase.threats).forEach((value, j) => this.checkThreat(obj(value), (...s) => at('threats', j, ...s), linked, evidenceIds));
    const consentTypes = new Map(arr(kase.consents).flatMap((v) => (str(obj(v)?.id) ? [[str(obj(v)?.id)!, str(obj(v)?.recipientType)] as const] : [])));
    arr(kase.referrals).forEach((value, j) => {
      const referral = obj(value);
      const here = (...s: Segment[]) => at('referrals', j, ...s);
      this.claim('referral', referral?.id, here('id'));
      if (!referral) return;
      const type = str(referral.recipientType) as RecipientType | undefined;
      const purposeId = str(referral.purposeId);
      if (type !== undefined && purposeId !== undefined && PURPOSES.forType(type).length > 0 && !isPurposeOf(type, purposeId)) {
        this.add(here('purposeId'), `"${purposeId}" is not a purpose for the recipient type "${type}" (resources/purposes/referral-purposes.json). Use one such as "${PURPOSES.generalFor(type).id}".`);
      }
      const consentId = str(referral.consentId);
      if (consentId !== undefined) {
        if (!consentTypes.has(consentId)) this.add(here('consentId'), `There is no consent with id ${consentId} in this case. Link the referral to one of its own case’s consents, or set null.`);
        else if (consentTypes.get(consentId) !== type) this.add(here('consentId'), 'The linked consent is for another recipient type. Link a consent for this referral’s recipient type, or set null.');
      }
      arr(referral.threatIds).forEach((id, k) => {
        if (typeof id === 'string' && !threatIds.has(id)) this.add(here('threatIds', k), `There is no threat with id ${id} in this case. A referral can only name its own case’s threats.`);
      });
      if (referral.outcome !== null && referral.outcome !== undefined && referral.status !== 'closed') {
        this.add(here('outcome'), 'An outcome can only be recorded on a closed referral. Set the status to "closed", or the outcome to null.');
      }
      const sentOn = str(referral.sentOn);
      const followUpOn = str(referral.followUpOn);
      if (sentOn && followUpOn && followUpOn < sentOn) this.add(here('followUpOn'), `The follow-up date (${followUpOn}) is before the date the referral was sent (${sentOn}).`);
    });
    arr(kase.consents).forEach((value, j) => {
      const consent = obj(value);
      const here = (...s: Segment[]) => at('consents', j, ...s);
      this.claim('consent', consent?.id, here('id'));
      const type = str(consent?.recipientType) as RecipientType | undefined;
      arr(consent?.purposeIds).forEach((id, k) => {
        if (type !== undefined && typeof id === 'string' && PURPOSES.forType(type).length > 0 && !isPurposeOf(type, id)) {
          this.add(here('purposeIds', k), `"${id}" is not a purpose for the recipient type "${type}" (resources/purposes/referral-purposes.json). Use one such as "${PURPOSES.generalFor(type).id}".`);
        }
      });
      const givenOn = str(consent?.givenOn);
      const expiresOn = str(consent?.expiresOn);
      const withdrawnOn = str(consent?.withdrawnOn);
      if (givenOn && expiresOn && expiresOn < givenOn) this.add(here('expiresOn'), `The expiry date (${expiresOn}) is before the day consent was given (${givenOn}).`);
      if (givenOn && withdrawnOn && withdrawnOn < givenOn) this.add(here('withdrawnOn'), `The withdrawal date (${withdrawnOn}) is before the day consent was given (${givenOn}).`);
    });
    arr(kase.notes).forEach((value, j) => this.claim('note', obj(value)?.id, at('notes', j, 'id')));
    arr(kase.tasks).forEach((value, j) => {
      const task = obj(value);
      this.claim('task', task?.id, at('tasks', j, 'id'));
      const referralId = str(task?.referralId);
      if (referralId !== undefined && !referralIds.has(referralId)) {
        this.add(at('tasks', j, 'referralId'), `There is no referral with id ${referralId} in this case. Link the task to one of its own case’s referrals, or set null.`);
      }
    });
  }

  private checkThreat(threat: Json | undefined, here: (...s: Segment[]) => Segment[], linked: ReadonlySet<string>, evidenceIds: ReadonlySet<string>): void {
    this.claim('threat', threat?.id, here('id'));
    if (!threat) return;
    const tacticId = str(threat.tacticId);
    if (tacticId !== undefined && !isTacticId(tacticId)) {
      this.add(here('tacticId'), `"${tacticId}" is not in the threat taxonomy (resources/taxonomy/threat-taxonomy.json). Use a subtype id such as "threats_from_distance.coercion_by_proxy".`);
    }
    if (tacticId === 'other.other' && str(threat.tacticOther)?.trim() === '') this.add(here('tacticOther'), 'A threat with the tactic "other.other" needs a short description of what happened.');
    const from = str(threat.occurredFrom);
    const to = str(threat.occurredTo);
    for (const [field, day] of [
      ['occurredFrom', from],
      ['occurredTo', to],
    ] as const) {
      if (day !== undefined && DAY.test(day) && !isRealDay(day)) this.add(here(field), `${day} is not a real calendar date.`);
    }
    if (threat.datePrecision === 'range') {
      if (threat.occurredTo === null) this.add(here('occurredTo'), 'A date range needs an end date.');
      else if (from && to && to < from) this.add(here('occurredTo'), 'The end of the date range is before its start.');
    } else if (to !== undefined && typeof threat.datePrecision === 'string') {
      this.add(here('occurredTo'), 'Only a date range has an end date. Set datePrecision to "range", or occurredTo to null.');
    }
    const target = str(threat.targetContactId);
    if (target !== undefined && !linked.has(target)) {
      this.add(here('targetContactId'), `The person targeted (${target}) is not a contact of this case. List them in the case’s contactLinks, or set null for the client.`);
    }
    arr(threat.perpetratorIds).forEach((id, k) => {
      if (typeof id === 'string' && !linked.has(id)) this.add(here('perpetratorIds', k), `The perpetrator ${id} is not a contact of this case. List them in the case’s contactLinks.`);
    });
    arr(threat.evidenceIds).forEach((id, k) => {
      if (typeof id === 'string' && !evidenceIds.has(id)) this.add(here('evidenceIds', k), `There is no evidence item with id ${id} in this case. A threat can only name its own case’s evidence.`);
    });
  }

  private checkEvidence(item: Json | undefined, here: (...s: Segment[]) => Segment[]): void {
    this.claim('evidence', item?.id, here('id'));
    const fileName = str(item?.fileName);
    // The same rule as attaching a file in the app: no folders, no control or direction-override characters.
    if (fileName !== undefined && safeFileName(fileName) !== fileName) {
      this.add(here('fileName'), `This file name is not safe to store (it has folder parts, control characters or hidden direction marks). Rename it, e.g. to "${safeFileName(fileName)}".`);
    }
    const text = str(item?.dataBase64);
    if (!item || text === undefined) return;
    let data: Buffer;
    try {
      data = decodeBase64Strict(text);
    } catch {
      this.add(here('dataBase64'), 'The file’s contents are not valid base64 (standard alphabet, with padding).');
      return;
    }
    if (data.length === 0) {
      this.add(here('dataBase64'), 'The file is empty (0 bytes).');
      return;
    }
    const digest = createHash('sha256').update(data).digest('hex');
    if (typeof item.sizeBytes === 'number' && item.sizeBytes !== data.length) this.add(here('sizeBytes'), `Says ${item.sizeBytes} bytes, but dataBase64 holds ${data.length} bytes.`);
    const sha256 = str(item.sha256);
    if (sha256 !== undefined && sha256 !== digest) {
      this.add(here('sha256'), `Does not match the SHA-256 of the bytes in dataBase64 (${digest}): the file was altered or damaged after it was exported.`);
      return;
    }
    const id = str(item.id);
    if (id !== undefined) this.evidenceBytes.set(id, data);
  }
}

const CHUNK = 500;

/** Ids and case codes the vault already has: an import never overwrites or merges. */
async function vaultConflicts(db: DbOrTrx, stored: ReferenceChecks['stored'], codes: ReferenceChecks['codes']): Promise<ImportProblem[]> {
  const problems: ImportProblem[] = [];
  const byTable = new Map<VaultTable, Array<{ id: string; path: string }>>();
  for (const entry of stored) {
    const list = byTable.get(entry.table) ?? [];
    list.push(entry);
    byTable.set(entry.table, list);
  }
  for (const [table, entries] of byTable) {
    for (let i = 0; i < entries.length; i += CHUNK) {
      const slice = entries.slice(i, i + CHUNK);
      const rows = await db
        .selectFrom(table)
        .select('id')
        .where('id', 'in', slice.map((e) => e.id))
        .execute();
      const found = new Set(rows.map((r) => r.id));
      for (const entry of slice) {
        if (found.has(entry.id)) {
          problems.push({ path: entry.path, message: `A record with this id is already in the vault (was this file imported before?). Import into a new vault, or remove this record from the file.` });
        }
      }
    }
  }
  for (let i = 0; i < codes.length; i += CHUNK) {
    const slice = codes.slice(i, i + CHUNK);
    const rows = await db
      .selectFrom('case_file')
      .select('code')
      .where('code', 'in', slice.map((c) => c.code))
      .execute();
    const found = new Set(rows.map((r) => r.code));
    for (const entry of slice) {
      if (found.has(entry.code)) problems.push({ path: entry.path, message: `The vault already has a case ${entry.code}. Case codes must be unique.` });
    }
  }
  return problems;
}

const uniqueSorted = (ids: readonly string[]): string[] => [...new Set(ids)].sort();

async function writeDocument(trx: Trx, ctx: RecordContext, doc: ExportDocument, evidenceBytes: ReadonlyMap<string, Buffer>): Promise<void> {
  const now = ctx.now();
  const audit = (entity: string, entityId: string, caseId: string | null, fields: Record<string, unknown>): Promise<void> => {
    const entry: AuditInput = { actor: ctx.actor, at: now, action: 'import', entity, entityId, caseId, changes: diffFields(null, fields) };
    return appendAudit(trx, entry);
  };
  const stamps = (r: { version: number; createdAt: string; updatedAt: string }) => ({ version: r.version, created_at: r.createdAt, updated_at: r.updatedAt });

  for (const contact of doc.contacts) {
    const { id, version: _v, createdAt: _c, updatedAt: _u, ...fields } = contact;
    await contactsRepository.insertContact(trx, { id, ...newContactColumns(fields), ...stamps(contact) });
    // No case id: a contact may belong to several cases, and must stay readable in the log until it is itself erased.
    await audit('contact', id, null, { ...fields });
  }
  for (const kase of doc.cases) await writeCase(trx, kase, evidenceBytes, stamps, audit, doc);
}

type Stamps = (r: { version: number; createdAt: string; updatedAt: string }) => { version: number; created_at: string; updated_at: string };
type Audit = (entity: string, entityId: string, caseId: string | null, fields: Record<string, unknown>) => Promise<void>;

async function writeCase(trx: Trx, kase: ExportCase, evidenceBytes: ReadonlyMap<string, Buffer>, stamps: Stamps, audit: Audit, doc: ExportDocument): Promise<void> {
  const caseId = kase.id;
  const { client } = kase;
  await casesRepository.insertCase(trx, {
    id: caseId,
    code: kase.code,
    status: kase.status,
    priority: kase.priority,
    risk_level: kase.riskLevel,
    assigned_to: kase.assignedTo,
    opened_on: kase.openedOn,
    closed_on: kase.closedOn,
    summary: kase.summary,
    archived_at: kase.archivedAt,
    ...stamps(kase),
  });
  await casesRepository.insertClient(trx, clientInsertRow(client.id, caseId, client, stamps(client)));
  for (const r of kase.riskHistory) {
    await casesRepository.insertRiskChange(trx, { id: r.id, case_id: caseId, risk_level: r.riskLevel, changed_at: r.changedAt, changed_by: r.changedBy, reason: r.reason });
  }
  for (const link of kase.contactLinks) {
    await contactsRepository.insertLink(trx, { case_id: caseId, contact_id: link.contactId, role: link.role, relationship: link.relationship });
  }
  for (const item of kase.evidence) {
    const data = evidenceBytes.get(item.id);
    // validate() only leaves out bytes it reported a problem for.
    if (!data) throw new AppError('INTERNAL', 'An evidence file was not checked before import. Nothing was imported.');
    await evidenceRepository.insertEvidence(trx, {
      id: item.id,
      case_id: caseId,
      file_name: item.fileName,
      media_type: item.mediaType,
      size_bytes: item.sizeBytes,
      sha256: item.sha256,
      collected_at: item.collectedAt,
      collected_how: item.collectedHow,
      collected_by: item.collectedBy,
      collected_from: item.collectedFrom,
      description: item.description,
      ...stamps(item),
    });
    await evidenceRepository.insertChunks(trx, item.id, data);
  }
  for (const threat of kase.threats) {
    const { id, version: _v, createdAt: _c, updatedAt: _u, ...fields } = threat;
    await threatsRepository.insertThreat(trx, { id, case_id: caseId, ...threatColumns(fields), ...stamps(threat) });
    await threatsRepository.replacePerpetrators(trx, id, uniqueSorted(fields.perpetratorIds));
    await threatsRepository.replaceEvidence(trx, id, uniqueSorted(fields.evidenceIds));
  }
  // Consents first: a referral may link to one.
  for (const consent of kase.consents) {
    await consentsRepository.insertConsent(trx, {
      id: consent.id,
      case_id: caseId,
      recipient_type: consent.recipientType,
      recipient_org: consent.recipientOrg,
      purpose_ids: JSON.stringify(consent.purposeIds),
      purpose: consent.purposeDetail,
      scope_identity: consent.scopeIdentity,
      scope_evidence: consent.scopeEvidence ? 1 : 0,
      obtained_how: consent.obtainedHow,
      recorded_by: consent.recordedBy,
      given_on: consent.givenOn,
      expires_on: consent.expiresOn,
      withdrawn_on: consent.withdrawnOn,
      withdrawal_note: consent.withdrawalNote,
      ...stamps(consent),
    });
  }
  for (const referral of kase.referrals) {
    await referralsRepository.insertReferral(trx, {
      id: referral.id,
      case_id: caseId,
      recipient_type: referral.recipientType,
      recipient_org: referral.recipientOrg,
      purpose_id: referral.purposeId,
      purpose: referral.purposeDetail,
      consent_id: referral.consentId,
      status: referral.status,
      outcome: referral.outcome,
      reference_number: referral.referenceNumber,
      sent_on: referral.sentOn,
      follow_up_on: referral.followUpOn,
      ...stamps(referral),
    });
    await referralsRepository.replaceThreats(trx, referral.id, uniqueSorted(referral.threatIds));
  }
  for (const note of kase.notes) {
    await notesRepository.insertNote(trx, { id: note.id, case_id: caseId, body: note.body, author: note.author, ...stamps(note) });
  }
  for (const task of kase.tasks) {
    await tasksRepository.insertTask(trx, {
      id: task.id,
      case_id: caseId,
      referral_id: task.referralId,
      title: task.title,
      due_on: task.dueOn,
      assigned_to: task.assignedTo,
      done_at: task.doneAt,
      ...stamps(task),
    });
  }

  // One entry per record, the case first so its history reads top-down from the import.
  const { id: _id, version: _v, createdAt: _c, updatedAt: _u, client: _cl, riskHistory: _r, contactLinks, threats, evidence, referrals, consents, notes, tasks, ...caseFields } = kase;
  await audit('case', caseId, caseId, { ...caseFields, contactLinks, importedFrom: doc.generator, exportedAt: doc.exportedAt });
  const { id: clientId, version: _cv, createdAt: _cc, updatedAt: _cu, ...clientFields } = client;
  await audit('client', clientId, caseId, clientFields);
  for (const { id, version: _tv, createdAt: _tc, updatedAt: _tu, ...fields } of threats) await audit('threat', id, caseId, fields);
  // Metadata and fingerprint only: the log never holds a file's bytes.
  for (const { id, version: _ev, createdAt: _ec, updatedAt: _eu, dataBase64: _bytes, ...fields } of evidence) await audit('evidence', id, caseId, fields);
  for (const { id, version: _rv, createdAt: _rc, updatedAt: _ru, ...fields } of referrals) await audit('referral', id, caseId, fields);
  for (const { id, version: _sv, createdAt: _sc, updatedAt: _su, ...fields } of consents) await audit('consent', id, caseId, fields);
  for (const { id, version: _nv, createdAt: _nc, updatedAt: _nu, ...fields } of notes) await audit('note', id, caseId, fields);
  for (const { id, version: _kv, createdAt: _kc, updatedAt: _ku, ...fields } of tasks) await audit('task', id, caseId, fields);
}
