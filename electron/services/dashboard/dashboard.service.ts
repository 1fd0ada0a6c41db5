import type { Settings } from '../../../shared/ipc/contract';
import type { Dashboard } from '../../../shared/ipc/insights-contract';
import type { ReferralDto, TaskDto, ThreatDto } from '../../../shared/domain/records';
import type { ThreatRow } from '../../db/schema';
import { listCases } from '../cases/cases.service';
import { listExpiringConsents } from '../consents/consents.service';
import { parseList } from '../records/json-columns';
import type { DbOrTrx } from '../records/context';
import { referralToDto } from '../referrals/referrals.mapper';
import { referralsRepository, type ReferralWithCode } from '../referrals/referrals.repository';
import { allSuggestions } from '../risk-signals/risk-signals.service';
import { addDays } from '../risk-signals/rules';
import { threatToDto } from '../threats/threats.mapper';
import { threatsRepository } from '../threats/threats.repository';

/**
 * The dashboard: what needs doing and what changed. Every list is a capped,
 * indexed query (the vault may hold 20,000 cases and 200,000 threats), and
 * archived cases are left out. Every item carries the ids that open it.
 */
export const UPCOMING_DAYS = 14;
/** Consents running out this soon are listed, so they can be renewed before a packet is blocked. */
export const CONSENT_EXPIRY_DAYS = 30;
export const RECENT_THREAT_DAYS = 14;
/** Items per dashboard list; the full lists are on the Tasks, Referrals and Cases pages. */
export const DASHBOARD_LIMIT = 50;
/** Due-now notices: enough for any real day, bounded for a vault with years of neglected tasks. */
export const DUE_NOW_LIMIT = 200;

type DueTask = TaskDto & { caseCode: string };
const OPEN_REFERRAL_STATUSES = ['draft', 'ready', 'sent', 'acknowledged', 'in_progress'] as const;

/** Open tasks with due_on in [from, to] (either end optional), soonest first. */
async function openTasks(db: DbOrTrx, range: { from?: string; to?: string }, limit: number): Promise<DueTask[]> {
  let query = db
    .selectFrom('task')
    .innerJoin('case_file', 'case_file.id', 'task.case_id')
    .selectAll('task')
    .select('case_file.code as case_code')
    .where('task.done_at', 'is', null)
    .where('case_file.archived_at', 'is', null);
  if (range.from !== undefined) query = query.where('task.due_on', '>=', range.from);
  if (range.to !== undefined) query = query.where('task.due_on', '<=', range.to);
  const rows = await query.orderBy('task.due_on', 'asc').orderBy('case_file.code', 'asc').orderBy('task.created_at', 'asc').limit(limit).execute();
  return rows.map((row) => ({
    id: row.id,
    caseId: row.case_id,
    caseCode: row.case_code,
    title: row.title,
    dueOn: row.due_on,
    assignedTo: row.assigned_to,
    referralId: row.referral_id,
    doneAt: row.done_at,
    version: row.version,
    createdAt: row.created_at,
  }));
}

/** Open tasks due today or earlier, for the in-app notice while the vault is unlocked. */
export async function listDueNow(db: DbOrTrx, today: string): Promise<DueTask[]> {
  return openTasks(db, { to: today }, DUE_NOW_LIMIT);
}

async function toReferralDtos(db: DbOrTrx, rows: ReferralWithCode[], today: string): Promise<ReferralDto[]> {
  const threats = await referralsRepository.threatIdsFor(db, rows.map((r) => r.id));
  return rows.map((row) => referralToDto(row, threats.get(row.id) ?? [], today));
}

function referralsOfActiveCases(db: DbOrTrx) {
  return db
    .selectFrom('referral')
    .innerJoin('case_file', 'case_file.id', 'referral.case_id')
    .selectAll('referral')
    .select('case_file.code as case_code')
    .where('case_file.archived_at', 'is', null);
}

/** Follow-up days in [from, to] on referrals that are not closed, soonest first. */
async function followUps(db: DbOrTrx, range: { from?: string; to?: string }, today: string): Promise<ReferralDto[]> {
  let query = referralsOfActiveCases(db).where('referral.status', 'in', [...OPEN_REFERRAL_STATUSES]).where('referral.follow_up_on', 'is not', null);
  if (range.from !== undefined) query = query.where('referral.follow_up_on', '>=', range.from);
  if (range.to !== undefined) query = query.where('referral.follow_up_on', '<=', range.to);
  const rows = await query.orderBy('referral.follow_up_on', 'asc').orderBy('case_file.code', 'asc').orderBy('referral.id').limit(DASHBOARD_LIMIT).execute();
  return toReferralDtos(db, rows, today);
}

/** Days between two ISO days (b − a). */
export function daysBetween(a: string, b: string): number {
  return Math.round((Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)) / 86_400_000);
}

/** Sent, never acknowledged, and waiting longer than the caseworker's setting; longest wait first. */
async function waitingReferrals(db: DbOrTrx, today: string, waitDays: number): Promise<Dashboard['waitingReferrals']> {
  const rows = await referralsOfActiveCases(db)
    .where('referral.status', '=', 'sent')
    .where('referral.sent_on', '<', addDays(today, -waitDays))
    .orderBy('referral.sent_on', 'asc')
    .orderBy('case_file.code', 'asc')
    .orderBy('referral.id')
    .limit(DASHBOARD_LIMIT)
    .execute();
  const dtos = await toReferralDtos(db, rows, today);
  return dtos.map((dto) => ({ ...dto, daysWaiting: daysBetween(dto.sentOn ?? today, today) }));
}

/** Threats recorded (not necessarily occurred) in the last days, newest first. */
async function recentThreats(db: DbOrTrx, today: string): Promise<Array<ThreatDto & { caseCode: string }>> {
  const rows = await db
    .selectFrom('threat')
    .innerJoin('case_file', 'case_file.id', 'threat.case_id')
    .selectAll('threat')
    .select('case_file.code as case_code')
    .where('threat.created_at', '>=', addDays(today, -RECENT_THREAT_DAYS))
    .where('case_file.archived_at', 'is', null)
    .orderBy('threat.created_at', 'desc')
    .orderBy('threat.id')
    .limit(DASHBOARD_LIMIT)
    .execute();
  const ids = rows.map((r) => r.id);
  const links = { perpetrators: await threatsRepository.perpetratorsOf(db, ids), evidence: await threatsRepository.evidenceOf(db, ids) };
  return rows.map(({ case_code, ...row }) => ({ ...threatToDto(row as ThreatRow, links), caseCode: case_code }));
}

async function expiringConsents(db: DbOrTrx, today: string): Promise<Dashboard['expiringConsents']> {
  const rows = await listExpiringConsents(db, today, addDays(today, CONSENT_EXPIRY_DAYS));
  return rows.slice(0, DASHBOARD_LIMIT).map((row) => ({
    id: row.id,
    caseId: row.case_id,
    caseCode: row.code,
    recipientType: row.recipient_type as Dashboard['expiringConsents'][number]['recipientType'],
    recipientOrg: row.recipient_org,
    purposeIds: parseList(row.purpose_ids),
    expiresOn: row.expires_on ?? today,
    daysLeft: daysBetween(today, row.expires_on ?? today),
  }));
}

export async function getDashboard(db: DbOrTrx, today: string, settings: Pick<Settings, 'referralWaitDays'>): Promise<Dashboard> {
  const yesterday = addDays(today, -1);
  const horizon = addDays(today, UPCOMING_DAYS);
  const highRisk = await listCases(db, { riskLevels: ['high', 'critical'], archived: 'exclude', sort: 'risk', direction: 'desc', limit: DASHBOARD_LIMIT });
  return {
    today,
    overdueTasks: await openTasks(db, { to: yesterday }, DASHBOARD_LIMIT),
    upcomingTasks: await openTasks(db, { from: today, to: horizon }, DASHBOARD_LIMIT),
    overdueFollowUps: await followUps(db, { to: yesterday }, today),
    upcomingFollowUps: await followUps(db, { from: today, to: horizon }, today),
    highRiskCases: highRisk.items,
    recentThreats: await recentThreats(db, today),
    waitingReferrals: await waitingReferrals(db, today, settings.referralWaitDays),
    riskSuggestions: await allSuggestions(db, today, DASHBOARD_LIMIT),
    expiringConsents: await expiringConsents(db, today),
  };
}
