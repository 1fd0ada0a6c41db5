import { z } from 'zod';
import * as r from '../domain/records';
import { RECIPIENT_TYPES, REFERRAL_OUTCOMES, RISK_LEVELS, THREAT_CHANNELS } from '../domain/enums';

/**
 * Channels for finding and following up (issue: search, dashboard, tasks and
 * reminders, risk signals, reports). Merged into the one contract map in contract.ts.
 */
const empty = z.strictObject({});

export const SEARCH_KINDS = ['case', 'client', 'contact', 'threat', 'referral', 'note', 'evidence'] as const;
export type SearchKind = (typeof SEARCH_KINDS)[number];

/** A piece of a result's text; `match` parts are highlighted. Always rendered as text. */
export const snippetPart = z.strictObject({ text: z.string(), match: z.boolean() });

export const searchHit = z.strictObject({
  kind: z.enum(SEARCH_KINDS),
  /** The record to open (for a client, note… the record itself; caseId says which case page). */
  id: r.recordId,
  caseId: r.recordId.nullable(),
  caseCode: z.string().nullable(),
  title: z.array(snippetPart),
  snippet: z.array(snippetPart),
});
export type SearchHit = z.infer<typeof searchHit>;

export const searchResult = z.strictObject({
  query: z.string(),
  groups: z.array(z.strictObject({ kind: z.enum(SEARCH_KINDS), hits: z.array(searchHit), more: z.boolean() })),
});
export type SearchResult = z.infer<typeof searchResult>;

const dueTask = r.taskDto.extend({ caseCode: z.string() });
const referralFollowUp = r.referralDto;

export const riskSuggestion = z.strictObject({
  caseId: r.recordId,
  caseCode: z.string(),
  ruleId: z.string(),
  /** Identifies the threats that made the rule fire, so a dismissal is not asked again for the same facts. */
  signature: z.string(),
  currentRisk: z.enum(RISK_LEVELS),
  suggestedRisk: z.enum(RISK_LEVELS),
  /** Why, in words a caseworker can check, e.g. "2 coercion-by-proxy threats within 30 days (12 Mar, 2 Apr)". */
  reason: z.string(),
  threatIds: z.array(r.recordId),
});
export type RiskSuggestion = z.infer<typeof riskSuggestion>;

/** A consent still in force that runs out soon: renew it before a packet needs it. */
export const expiringConsent = z.strictObject({
  id: r.recordId,
  caseId: r.recordId,
  caseCode: z.string(),
  recipientType: z.enum(RECIPIENT_TYPES),
  recipientOrg: z.string(),
  purposeIds: z.array(z.string()),
  expiresOn: z.string(),
  daysLeft: z.number().int(),
});
export type ExpiringConsent = z.infer<typeof expiringConsent>;

export const dashboard = z.strictObject({
  today: z.string(),
  overdueTasks: z.array(dueTask),
  upcomingTasks: z.array(dueTask),
  overdueFollowUps: z.array(referralFollowUp),
  upcomingFollowUps: z.array(referralFollowUp),
  highRiskCases: z.array(r.caseListItem),
  recentThreats: z.array(r.threatDto.extend({ caseCode: z.string() })),
  waitingReferrals: z.array(referralFollowUp.extend({ daysWaiting: z.number().int() })),
  riskSuggestions: z.array(riskSuggestion),
  expiringConsents: z.array(expiringConsent),
});
export type Dashboard = z.infer<typeof dashboard>;

export const reportQuery = z.strictObject({ from: r.isoDay.optional(), to: r.isoDay.optional() });
export const reportData = z.strictObject({
  from: z.string().nullable(),
  to: z.string().nullable(),
  /** Threats per tactic category per month (YYYY-MM). */
  threatsByTacticOverTime: z.array(z.strictObject({ month: z.string(), categoryId: z.string(), count: z.number().int() })),
  threatsByCountry: z.array(z.strictObject({ country: z.string(), count: z.number().int() })),
  threatsByChannel: z.array(z.strictObject({ channel: z.enum(THREAT_CHANNELS), count: z.number().int() })),
  referralsByRecipient: z.array(
    z.strictObject({
      recipientType: z.enum(RECIPIENT_TYPES),
      total: z.number().int(),
      outcomes: z.record(z.enum([...REFERRAL_OUTCOMES, 'open']), z.number().int()),
      /** Median days from sent to acknowledged (first response); null when none answered yet. */
      medianDaysToFirstResponse: z.number().nullable(),
    }),
  ),
});
export type ReportData = z.infer<typeof reportData>;
/** A one-time token for a place chosen in the save dialog (see 'dialog:chooseSaveFile'). */
export const saveToken = z.string().min(1).max(200);

export const REPORT_TABLES = ['threats-by-tactic', 'threats-by-country', 'threats-by-channel', 'referrals-by-recipient'] as const;

export const insightsContract = {
  'search:query': {
    input: z.strictObject({ query: z.string().max(200), limitPerKind: z.number().int().min(1).max(50).default(8) }),
    output: searchResult,
  },
  'dashboard:get': { input: empty, output: dashboard },
  /** Open tasks due now or earlier, for the in-app notice while unlocked. */
  'tasks:dueNow': { input: empty, output: z.array(dueTask) },
  'riskSignals:forCase': { input: r.byCase, output: z.array(riskSuggestion) },
  'riskSignals:decide': {
    input: z.strictObject({
      caseId: r.recordId,
      ruleId: z.string().max(100),
      signature: z.string().max(200),
      decision: z.enum(['accept', 'dismiss']),
      note: z.string().max(1000).default(''),
    }),
    output: z.strictObject({ case: r.caseDto }),
  },
  'reports:get': { input: reportQuery, output: reportData },
  /**
   * Aggregated statistics only (no names, small cells suppressed) written to a
   * file the user chose: `saveToken` comes from 'dialog:chooseSaveFile' (purpose
   * 'report-csv'), never a path from the renderer.
   */
  'reports:exportCsv': {
    input: reportQuery.extend({ table: z.enum(REPORT_TABLES), saveToken }),
    output: z.strictObject({ path: z.string(), rows: z.number().int() }),
  },
  /**
   * The save dialog. `suggestedName` is a file name or a full path to start
   * from. Returns the chosen path (to show) and a one-time token for it, which
   * 'reports:exportCsv' or 'packets:export' (by purpose) accepts once; both
   * null when the dialog was cancelled.
   */
  'dialog:chooseSaveFile': {
    input: z.strictObject({ suggestedName: z.string().max(4096), purpose: z.enum(['report-csv', 'packet-zip']) }),
    output: z.strictObject({ path: z.string().nullable(), token: z.string().nullable() }),
  },
} as const;
