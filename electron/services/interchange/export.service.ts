import { AppError } from '../../../shared/errors';
import type { VaultDb } from '../../db/connection';
import type { DbOrTrx } from '../records/context';
import { caseFieldsOf, clientToDto } from '../cases/cases.mapper';
import { consentFieldsOf } from '../consents/consents.mapper';
import { contactFieldsOf } from '../contacts/contacts.mapper';
import { readEvidenceBytes } from '../evidence/evidence.service';
import { referralFieldsOf } from '../referrals/referrals.mapper';
import { threatFieldsOf } from '../threats/threats.mapper';
import { EXPORT_FORMAT, EXPORT_FORMAT_VERSION, type ExportCase, type ExportDocument } from './format';

export interface ExportOptions {
  /** Stamped as exportedAt. */
  now?: Date;
  /** Who wrote the file, e.g. "Casekeeper command-line tool 0.1.0". */
  generator?: string;
}

export const DEFAULT_GENERATOR = 'Casekeeper';

/** Rows of one table grouped by their case, in the order they were read. */
function byCase<T extends { case_id: string }>(rows: readonly T[]): Map<string, T[]> {
  const grouped = new Map<string, T[]>();
  for (const row of rows) {
    const list = grouped.get(row.case_id);
    if (list) list.push(row);
    else grouped.set(row.case_id, [row]);
  }
  return grouped;
}

function idsBy<K extends string, V extends string, T extends Record<K | V, string>>(rows: readonly T[], key: K, value: V): Map<string, string[]> {
  const grouped = new Map<string, string[]>();
  for (const row of rows) {
    const list = grouped.get(row[key]);
    if (list) list.push(row[value]);
    else grouped.set(row[key], [row[value]]);
  }
  for (const list of grouped.values()) list.sort();
  return grouped;
}

/**
 * The whole vault as a "casekeeper-export" document: every case with
 * everything in it, evidence bytes included (each checked against its
 * SHA-256 as it is read). Ordering is fixed (cases by code, records by date
 * then id, id lists sorted), so exporting the same records always gives the
 * same document apart from exportedAt. Read in one transaction: a consistent
 * snapshot even if the app writes meanwhile.
 */
export async function exportVault(db: VaultDb, options: ExportOptions = {}): Promise<ExportDocument> {
  return db.transaction().execute((trx) => buildDocument(trx, options));
}

async function buildDocument(db: DbOrTrx, options: ExportOptions): Promise<ExportDocument> {
  const caseRows = await db.selectFrom('case_file').selectAll().orderBy('code').execute();
  const clients = await db.selectFrom('client').selectAll().execute();
  const risks = await db.selectFrom('risk_change').selectAll().orderBy('changed_at').orderBy('id').execute();
  const contacts = await db.selectFrom('contact').selectAll().orderBy('sort_name').orderBy('id').execute();
  const links = await db.selectFrom('case_contact').selectAll().orderBy('contact_id').execute();
  const threats = await db.selectFrom('threat').selectAll().orderBy('occurred_from').orderBy('created_at').orderBy('id').execute();
  const perpetrators = await db.selectFrom('threat_perpetrator').selectAll().execute();
  const threatEvidence = await db.selectFrom('threat_evidence').selectAll().execute();
  const evidence = await db.selectFrom('evidence').selectAll().orderBy('collected_at').orderBy('id').execute();
  const referrals = await db.selectFrom('referral').selectAll().orderBy('created_at').orderBy('id').execute();
  const referralThreats = await db.selectFrom('referral_threat').selectAll().execute();
  const consents = await db.selectFrom('consent').selectAll().orderBy('given_on').orderBy('created_at').orderBy('id').execute();
  const notes = await db.selectFrom('note').selectAll().orderBy('created_at').orderBy('id').execute();
  const tasks = await db.selectFrom('task').selectAll().orderBy('due_on').orderBy('created_at').orderBy('id').execute();

  const clientOf = new Map(clients.map((c) => [c.case_id, c]));
  const risksOf = byCase(risks);
  const linksOf = byCase(links);
  const threatsOf = byCase(threats);
  const evidenceOf = byCase(evidence);
  const referralsOf = byCase(referrals);
  const consentsOf = byCase(consents);
  const notesOf = byCase(notes);
  const tasksOf = byCase(tasks);
  const perpetratorIds = idsBy(perpetrators, 'threat_id', 'contact_id');
  const threatEvidenceIds = idsBy(threatEvidence, 'threat_id', 'evidence_id');
  const referralThreatIds = idsBy(referralThreats, 'referral_id', 'threat_id');
  const meta = (row: { id: string; version: number; created_at: string; updated_at: string }) => ({
    id: row.id,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  });

  const cases: ExportCase[] = [];
  for (const row of caseRows) {
    const client = clientOf.get(row.id);
    // The case service refuses to show a case without a client; an export that skipped one would lose data silently.
    if (!client) throw new AppError('CORRUPT', `Case ${row.code} has no client record, so it cannot be exported. Restore the vault from a backup or report this.`);
    const { id: _cid, version: _cv, updatedAt: _cu, ...clientFields } = clientToDto(client);
    const evidenceItems: ExportCase['evidence'] = [];
    for (const item of evidenceOf.get(row.id) ?? []) {
      const data = await readEvidenceBytes(db, item.id);
      evidenceItems.push({
        ...meta(item),
        fileName: item.file_name,
        mediaType: item.media_type,
        sizeBytes: item.size_bytes,
        sha256: item.sha256,
        collectedAt: item.collected_at,
        collectedHow: item.collected_how,
        collectedBy: item.collected_by,
        collectedFrom: item.collected_from,
        description: item.description,
        dataBase64: data.toString('base64'),
      });
    }
    cases.push({
      ...meta(row),
      code: row.code,
      ...caseFieldsOf(row),
      archivedAt: row.archived_at,
      client: { ...meta(client), ...clientFields },
      riskHistory: (risksOf.get(row.id) ?? []).map((r) => ({
        id: r.id,
        riskLevel: r.risk_level as ExportCase['riskLevel'],
        changedAt: r.changed_at,
        changedBy: r.changed_by,
        reason: r.reason,
      })),
      contactLinks: (linksOf.get(row.id) ?? []).map((l) => ({
        contactId: l.contact_id,
        role: l.role as ExportCase['contactLinks'][number]['role'],
        relationship: l.relationship,
      })),
      threats: (threatsOf.get(row.id) ?? []).map((t) => ({
        ...meta(t),
        ...threatFieldsOf(t, { perpetrators: [], evidence: [] }),
        perpetratorIds: perpetratorIds.get(t.id) ?? [],
        evidenceIds: threatEvidenceIds.get(t.id) ?? [],
      })),
      evidence: evidenceItems,
      referrals: (referralsOf.get(row.id) ?? []).map((r) => ({
        ...meta(r),
        ...referralFieldsOf({ ...r, case_code: row.code }, referralThreatIds.get(r.id) ?? []),
      })),
      consents: (consentsOf.get(row.id) ?? []).map((c) => ({
        ...meta(c),
        ...consentFieldsOf(c),
        recordedBy: c.recorded_by,
        withdrawnOn: c.withdrawn_on,
        withdrawalNote: c.withdrawal_note,
      })),
      notes: (notesOf.get(row.id) ?? []).map((n) => ({ ...meta(n), body: n.body, author: n.author })),
      tasks: (tasksOf.get(row.id) ?? []).map((t) => ({
        ...meta(t),
        title: t.title,
        dueOn: t.due_on,
        assignedTo: t.assigned_to,
        referralId: t.referral_id,
        doneAt: t.done_at,
      })),
    });
  }

  return {
    format: EXPORT_FORMAT,
    formatVersion: EXPORT_FORMAT_VERSION,
    exportedAt: (options.now ?? new Date()).toISOString(),
    generator: options.generator ?? DEFAULT_GENERATOR,
    contacts: contacts.map((c) => ({ ...meta(c), ...contactFieldsOf(c) })),
    cases,
  };
}

/** Counts for messages: "12 cases, 30 contacts, 9 evidence files". */
export function summariseDocument(doc: Pick<ExportDocument, 'cases' | 'contacts'>): { cases: number; contacts: number; evidence: number; records: number } {
  let records = doc.contacts.length;
  let evidence = 0;
  for (const c of doc.cases) {
    evidence += c.evidence.length;
    records += 2 + c.threats.length + c.evidence.length + c.referrals.length + c.consents.length + c.notes.length + c.tasks.length;
  }
  return { cases: doc.cases.length, contacts: doc.contacts.length, evidence, records };
}
