import { stat } from 'node:fs/promises';
import { isAbsolute } from 'node:path';
import { sql } from 'kysely';
import { AppError } from '../../../shared/errors';
import { RECIPIENT_TYPES, REFERRAL_OUTCOMES, THREAT_CHANNELS, type RecipientType, type ThreatChannel } from '../../../shared/domain/enums';
import type { FieldChange } from '../../../shared/domain/records';
import type { REPORT_TABLES, ReportData } from '../../../shared/ipc/insights-contract';
import { TAXONOMY, categoryIdOf } from '../../../shared/taxonomy';
import type { DbOrTrx } from '../records/context';
import { atomicWriteFile } from '../files/atomic-write';
import { localDay } from '../records/dates';

/**
 * Reports: aggregated statistics for advocacy. Only counts leave this file;
 * no name, description or free text other than a threat's country does. The
 * CSV export suppresses small cells and neutralises spreadsheet formulas.
 */
export interface ReportQuery {
  from?: string;
  to?: string;
}
export type ReportTable = (typeof REPORT_TABLES)[number];

type RecipientRow = ReportData['referralsByRecipient'][number];
type OutcomeKey = keyof RecipientRow['outcomes'];

/** A status change to one of these is the recipient's first response. */
const RESPONSE_STATUSES = new Set(['acknowledged', 'in_progress', 'closed']);
const CHUNK = 500;
/** Below this many answered referrals a median is not printed: it would be one referral's own timing. */
const MIN_FOR_MEDIAN = 5;

function assertRange(query: ReportQuery): void {
  if (query.from && query.to && query.from > query.to) {
    throw new AppError('VALIDATION', `The report period starts (${query.from}) after it ends (${query.to}). Swap the two dates.`);
  }
}

function threatsIn(db: DbOrTrx, query: ReportQuery) {
  let base = db.selectFrom('threat');
  if (query.from) base = base.where('occurred_from', '>=', query.from);
  if (query.to) base = base.where('occurred_from', '<=', query.to);
  return base;
}

const CATEGORY_ORDER = new Map(TAXONOMY.map((c, i) => [c.id, i]));

async function threatsByTacticOverTime(db: DbOrTrx, query: ReportQuery): Promise<ReportData['threatsByTacticOverTime']> {
  const rows = await threatsIn(db, query)
    .select((eb) => [sql<string>`substr(occurred_from, 1, 7)`.as('month'), 'tactic_id', eb.fn.countAll<number>().as('n')])
    .groupBy(['month', 'tactic_id'])
    .execute();
  const counts = new Map<string, number>();
  for (const row of rows) {
    const key = `${row.month}\u0000${categoryIdOf(row.tactic_id) ?? 'other'}`;
    counts.set(key, (counts.get(key) ?? 0) + Number(row.n));
  }
  return [...counts]
    .map(([key, count]) => {
      const [month = '', categoryId = 'other'] = key.split('\u0000');
      return { month, categoryId, count };
    })
    .sort((a, b) => a.month.localeCompare(b.month) || (CATEGORY_ORDER.get(a.categoryId) ?? 99) - (CATEGORY_ORDER.get(b.categoryId) ?? 99));
}

async function threatsByCountry(db: DbOrTrx, query: ReportQuery): Promise<ReportData['threatsByCountry']> {
  const rows = await threatsIn(db, query)
    .select((eb) => ['country', eb.fn.countAll<number>().as('n')])
    .groupBy('country')
    .orderBy('n', 'desc')
    .orderBy('country')
    .execute();
  return rows.map((row) => ({ country: row.country, count: Number(row.n) }));
}

async function threatsByChannel(db: DbOrTrx, query: ReportQuery): Promise<ReportData['threatsByChannel']> {
  const rows = await threatsIn(db, query)
    .select((eb) => ['channel', eb.fn.countAll<number>().as('n')])
    .groupBy('channel')
    .execute();
  const counts = new Map<ThreatChannel, number>();
  for (const row of rows) {
    const channel = (THREAT_CHANNELS as readonly string[]).includes(row.channel) ? (row.channel as ThreatChannel) : 'other';
    counts.set(channel, (counts.get(channel) ?? 0) + Number(row.n));
  }
  return THREAT_CHANNELS.filter((c) => counts.has(c))
    .map((channel) => ({ channel, count: counts.get(channel) ?? 0 }))
    .sort((a, b) => b.count - a.count);
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/**
 * Days from sent to first response per referral, from the audit log: the
 * first status change to acknowledged, in progress or closed on or after the
 * day it was sent. Referrals without one are left out.
 */
async function firstResponseDays(db: DbOrTrx, sent: ReadonlyMap<string, string>): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  const ids = [...sent.keys()];
  for (let i = 0; i < ids.length; i += CHUNK) {
    const rows = await db
      .selectFrom('audit_entry')
      .select(['entity_id', 'at', 'diff'])
      .where('entity', '=', 'referral')
      .where('entity_id', 'in', ids.slice(i, i + CHUNK))
      .where('action', '=', 'update')
      .where('diff', 'like', '%"field":"status"%')
      .orderBy('seq')
      .execute();
    for (const row of rows) {
      const sentOn = sent.get(row.entity_id);
      if (sentOn === undefined || out.has(row.entity_id) || row.diff === null) continue;
      let changes: FieldChange[];
      try {
        changes = JSON.parse(row.diff) as FieldChange[];
      } catch {
        continue;
      }
      const answered = changes.some((c) => c.field === 'status' && typeof c.to === 'string' && RESPONSE_STATUSES.has(c.to));
      const day = localDay(new Date(row.at));
      if (answered && day >= sentOn) out.set(row.entity_id, daysBetween(sentOn, day));
    }
  }
  return out;
}

interface RecipientStats extends RecipientRow {
  /** How many referrals the median is based on. */
  answered: number;
}

/** Referrals that were sent (sent_on set), within the period by the day they were sent. */
async function referralsByRecipient(db: DbOrTrx, query: ReportQuery): Promise<RecipientStats[]> {
  const stats = new Map<RecipientType, { row: RecipientStats; days: number[] }>();
  let after = '';
  for (;;) {
    let page = db
      .selectFrom('referral')
      .select(['id', 'recipient_type', 'status', 'outcome', 'sent_on'])
      .where('sent_on', 'is not', null)
      .where('id', '>', after);
    if (query.from) page = page.where('sent_on', '>=', query.from);
    if (query.to) page = page.where('sent_on', '<=', query.to);
    const rows = await page.orderBy('id').limit(CHUNK).execute();
    if (rows.length === 0) break;
    after = rows[rows.length - 1]!.id;
    const responses = await firstResponseDays(db, new Map(rows.map((r) => [r.id, r.sent_on ?? ''])));
    for (const row of rows) {
      if (!(RECIPIENT_TYPES as readonly string[]).includes(row.recipient_type)) continue;
      const type = row.recipient_type as RecipientType;
      let entry = stats.get(type);
      if (!entry) {
        const outcomes = Object.fromEntries([...REFERRAL_OUTCOMES, 'open'].map((k) => [k, 0])) as Record<OutcomeKey, number>;
        entry = { row: { recipientType: type, total: 0, outcomes, medianDaysToFirstResponse: null, answered: 0 }, days: [] };
        stats.set(type, entry);
      }
      entry.row.total += 1;
      const outcome: OutcomeKey = row.status === 'closed' && row.outcome !== null && (REFERRAL_OUTCOMES as readonly string[]).includes(row.outcome) ? (row.outcome as OutcomeKey) : 'open';
      entry.row.outcomes[outcome] += 1;
      const days = responses.get(row.id);
      if (days !== undefined) entry.days.push(days);
    }
  }
  return RECIPIENT_TYPES.filter((t) => stats.has(t)).map((t) => {
    const { row, days } = stats.get(t)!;
    return { ...row, medianDaysToFirstResponse: median(days), answered: days.length };
  });
}

export async function getReport(db: DbOrTrx, query: ReportQuery): Promise<ReportData> {
  assertRange(query);
  return {
    from: query.from ?? null,
    to: query.to ?? null,
    threatsByTacticOverTime: await threatsByTacticOverTime(db, query),
    threatsByCountry: await threatsByCountry(db, query),
    threatsByChannel: await threatsByChannel(db, query),
    referralsByRecipient: (await referralsByRecipient(db, query)).map(({ answered: _answered, ...row }) => row),
  };
}

// ---- CSV ----------------------------------------------------------------------

/** Small-cell suppression: a count from 1 to 4 could point at one person. */
export function suppressed(count: number): string {
  return count >= 1 && count <= 4 ? '<5' : String(count);
}

/** A cell a spreadsheet would run as a formula gets a leading apostrophe (also after leading spaces, and full-width forms). */
export function neutralised(cell: string): string {
  return /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) || /^\s+[=+\-@\uFF1D\uFF0B\uFF0D\uFF20]/.test(cell) ? `'${cell}` : cell;
}

/** RFC 4180 quoting (plus ; for spreadsheets that split on it, and edge spaces they would trim). */
export function csvCell(value: string): string {
  const cell = neutralised(value);
  return /[",;\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return `\uFEFF${[header, ...rows].map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

const CHANNEL_LABELS: Record<ThreatChannel, string> = {
  in_person: 'In person',
  phone: 'Phone',
  messaging: 'WeChat / messaging',
  email: 'E-mail',
  social_media: 'Social media',
  via_family: 'Via family',
  official_letter: 'Official letter',
  other: 'Other',
};

const RECIPIENT_LABELS: Record<RecipientType, string> = {
  police: 'Police',
  national_tnr_unit: 'National TNR unit',
  asylum_authority: 'Asylum authority',
  interpol_ccf: 'Interpol CCF',
  un_special_procedure: 'UN special procedure',
  unhcr: 'UNHCR',
  lawyer: 'Lawyer',
  ngo: 'NGO',
};

const categoryLabel = (id: string): string => TAXONOMY.find((c) => c.id === id)?.label ?? id;

async function tableRows(db: DbOrTrx, query: ReportQuery, table: ReportTable): Promise<{ header: string[]; rows: string[][] }> {
  switch (table) {
    case 'threats-by-tactic':
      return {
        header: ['Month', 'Tactic category', 'Threats'],
        rows: (await threatsByTacticOverTime(db, query)).map((r) => [r.month, categoryLabel(r.categoryId), suppressed(r.count)]),
      };
    case 'threats-by-country':
      return {
        header: ['Country', 'Threats'],
        rows: (await threatsByCountry(db, query)).map((r) => [r.country.trim() === '' ? 'Not recorded' : r.country, suppressed(r.count)]),
      };
    case 'threats-by-channel':
      return { header: ['Channel', 'Threats'], rows: (await threatsByChannel(db, query)).map((r) => [CHANNEL_LABELS[r.channel], suppressed(r.count)]) };
    case 'referrals-by-recipient':
      return {
        header: ['Recipient type', 'Referrals', 'Action taken', 'Declined', 'No response', 'Open', 'Median days to first response'],
        rows: (await referralsByRecipient(db, query)).map((r) => [
          RECIPIENT_LABELS[r.recipientType],
          suppressed(r.total),
          suppressed(r.outcomes.action_taken ?? 0),
          suppressed(r.outcomes.declined ?? 0),
          suppressed(r.outcomes.no_response ?? 0),
          suppressed(r.outcomes.open ?? 0),
          r.medianDaysToFirstResponse === null ? '' : r.answered < MIN_FOR_MEDIAN ? '<5 responses' : String(r.medianDaysToFirstResponse),
        ]),
      };
    default: {
      const unreachable: never = table;
      return unreachable;
    }
  }
}

/**
 * Writes one report table as CSV to a file the caseworker chose in a save
 * dialog (so replacing an existing file is intended). Counts only, small
 * cells suppressed, UTF-8 with BOM so spreadsheet apps read scripts right.
 */
export async function exportReportCsv(db: DbOrTrx, input: ReportQuery & { table: ReportTable; path: string }): Promise<{ path: string; rows: number }> {
  assertRange(input);
  if (!isAbsolute(input.path)) throw new AppError('VALIDATION', 'Give the full path of the file to save, for example /home/you/threats-by-country.csv, or choose it with “Choose…”.');
  const existing = await stat(input.path).catch(() => null);
  if (existing?.isDirectory()) throw new AppError('VALIDATION', 'That is a folder. Choose a file name for the report.');
  const { header, rows } = await tableRows(db, input, input.table);
  atomicWriteFile(input.path, toCsv(header, rows), { mode: 'replace', noun: 'the report' });
  return { path: input.path, rows: rows.length };
}
