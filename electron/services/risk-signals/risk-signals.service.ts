import { randomUUID } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import { RISK_LEVELS, type DatePrecision, type RiskLevel } from '../../../shared/domain/enums';
import type { CaseDto } from '../../../shared/domain/records';
import type { RiskSuggestion } from '../../../shared/ipc/insights-contract';
import { appendAudit, diffFields } from '../audit/audit.service';
import { getCase, updateCase } from '../cases/cases.service';
import { touchCases } from '../records/case-touch';
import type { DbOrTrx, RecordContext } from '../records/context';
import { parseList, stringifyList } from '../records/json-columns';
import { notFound } from '../records/versioning';
import { addDays, evaluateRules, loadRules, rank, tacticsOf, targetLevel, type PriorDecision, type RiskRule, type RuleThreat } from './rules';

/**
 * Risk signals: suggestions to raise a case's risk level, made by the rules
 * in resources/rules/risk-signals.json. Nothing changes until a caseworker
 * accepts (the case's risk level rises, with the reason in its dated risk
 * history) or dismisses; either decision is kept and shown in the History.
 */

/** Table added by migration 0004 (not yet in db/schema.ts). */
export interface RiskSignalDecisionTable {
  id: string;
  case_id: string;
  rule_id: string;
  signature: string;
  /** JSON: string[] — the threats this decision covered. */
  threat_ids: string;
  decision: 'accepted' | 'dismissed';
  note: string;
  decided_at: string;
  decided_by: string;
}

const decisionsOf = (db: DbOrTrx) => db.withTables<{ risk_signal_decision: RiskSignalDecisionTable }>();

/**
 * Cases examined per rule for the dashboard, newest matching threat first:
 * enough to fill the dashboard's list several times over while keeping it
 * fast at 20,000 cases. (Cases whose matching threats were all decided on
 * still count towards it; the case page always evaluates its own case.)
 */
const CANDIDATES_PER_RULE = 150;
const CHUNK = 500;

interface CaseHead {
  id: string;
  code: string;
  risk_level: string;
}

/** Code-point order: ids, codes and ISO days, no locale rules needed. */
function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function chunks<T>(items: readonly T[], size = CHUNK): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

async function threatsByCase(db: DbOrTrx, caseIds: readonly string[], tactics: readonly string[]): Promise<Map<string, RuleThreat[]>> {
  const out = new Map<string, RuleThreat[]>(caseIds.map((id) => [id, []]));
  if (tactics.length === 0) return out;
  for (const ids of chunks(caseIds)) {
    const rows = await db
      .selectFrom('threat')
      .select(['id', 'case_id', 'tactic_id', 'date_precision', 'occurred_from', 'occurred_to'])
      .where('case_id', 'in', ids)
      .where('tactic_id', 'in', [...tactics])
      .execute();
    for (const row of rows) {
      out.get(row.case_id)?.push({
        id: row.id,
        tacticId: row.tactic_id,
        datePrecision: row.date_precision as DatePrecision,
        occurredFrom: row.occurred_from,
        occurredTo: row.occurred_to,
      });
    }
  }
  return out;
}

async function decisionsByCase(db: DbOrTrx, caseIds: readonly string[]): Promise<Map<string, PriorDecision[]>> {
  const out = new Map<string, PriorDecision[]>(caseIds.map((id) => [id, []]));
  for (const ids of chunks(caseIds)) {
    const rows = await decisionsOf(db).selectFrom('risk_signal_decision').select(['case_id', 'rule_id', 'signature', 'threat_ids']).where('case_id', 'in', ids).execute();
    for (const row of rows) out.get(row.case_id)?.push({ ruleId: row.rule_id, signature: row.signature, threatIds: parseList(row.threat_ids) });
  }
  return out;
}

async function suggest(db: DbOrTrx, cases: readonly CaseHead[], rules: readonly RiskRule[], today: string): Promise<RiskSuggestion[]> {
  const ids = cases.map((c) => c.id);
  const threats = await threatsByCase(db, ids, tacticsOf(rules));
  const decisions = await decisionsByCase(db, ids);
  return cases.flatMap((c) => {
    const currentRisk = c.risk_level as RiskLevel;
    return evaluateRules(rules, currentRisk, threats.get(c.id) ?? [], decisions.get(c.id) ?? [], today).map((hit) => ({
      caseId: c.id,
      caseCode: c.code,
      ruleId: hit.ruleId,
      signature: hit.signature,
      currentRisk,
      suggestedRisk: hit.suggestedRisk,
      reason: hit.reason,
      threatIds: hit.threatIds,
    }));
  });
}

/** The suggestions for one case (shown on the case page). */
export async function suggestionsForCase(db: DbOrTrx, caseId: string, today: string): Promise<RiskSuggestion[]> {
  const row = await db.selectFrom('case_file').select(['id', 'code', 'risk_level']).where('id', '=', caseId).executeTakeFirst();
  if (!row) throw notFound('case');
  return suggest(db, [row], loadRules(), today);
}

/**
 * Current suggestions across cases that are not archived, most severe first,
 * then the most recent threat. SQL narrows to cases with enough matching
 * threats at a level the rule would raise; only those cases' matching threats
 * are read.
 */
export async function allSuggestions(db: DbOrTrx, today: string, limit = 50): Promise<RiskSuggestion[]> {
  const rules = loadRules();
  const latest = new Map<string, string>();
  for (const rule of rules) {
    const levels = RISK_LEVELS.filter((level) => targetLevel(rule, level) !== null);
    if (levels.length === 0) continue;
    let query = db
      .selectFrom('threat')
      .innerJoin('case_file', 'case_file.id', 'threat.case_id')
      .select((eb) => ['threat.case_id', eb.fn.max('threat.occurred_from').as('latest')])
      .where('threat.tactic_id', 'in', rule.tactics)
      .where('case_file.archived_at', 'is', null)
      .where('case_file.risk_level', 'in', levels);
    if (rule.sinceDays !== undefined) {
      const since = addDays(today, -rule.sinceDays);
      query = query.where((eb) => eb(eb.fn.coalesce('threat.occurred_to', 'threat.occurred_from'), '>=', since));
    }
    const rows = await query
      .groupBy('threat.case_id')
      .having((eb) => eb.fn.countAll(), '>=', rule.kind === 'countWithinDays' ? rule.count : 1)
      .orderBy('latest', 'desc')
      .limit(CANDIDATES_PER_RULE)
      .execute();
    for (const row of rows) {
      const day = String(row.latest);
      if ((latest.get(row.case_id) ?? '') < day) latest.set(row.case_id, day);
    }
  }
  const heads: CaseHead[] = [];
  for (const ids of chunks([...latest.keys()])) {
    heads.push(...(await db.selectFrom('case_file').select(['id', 'code', 'risk_level']).where('id', 'in', ids).execute()));
  }
  const suggestions = await suggest(db, heads, rules, today);
  return suggestions
    .sort(
      (a, b) =>
        rank(b.suggestedRisk) - rank(a.suggestedRisk) ||
        compare(latest.get(b.caseId) ?? '', latest.get(a.caseId) ?? '') ||
        compare(a.caseCode, b.caseCode) ||
        compare(a.ruleId, b.ruleId),
    )
    .slice(0, limit);
}

export interface RiskDecisionInput {
  caseId: string;
  ruleId: string;
  signature: string;
  decision: 'accept' | 'dismiss';
  note: string;
}

/**
 * Accepting raises the case's risk level through the cases service (dated
 * risk history with the reason, audit entry), then records the decision;
 * dismissing records the decision. Either way the History shows it. The
 * suggestion is recomputed first, so a stale or already-decided one is refused.
 */
export async function decideRiskSignal(ctx: RecordContext, input: RiskDecisionInput, today: string): Promise<{ case: CaseDto }> {
  const current = await suggestionsForCase(ctx.db, input.caseId, today);
  const suggestion = current.find((s) => s.ruleId === input.ruleId && s.signature === input.signature);
  if (!suggestion) {
    throw new AppError(
      'CONFLICT',
      'This risk suggestion no longer applies: the case’s risk level or threats changed, or someone already decided on it. Reload the case to see the current suggestions.',
    );
  }
  const note = input.note.trim();
  if (input.decision === 'accept') {
    const kase = await getCase(ctx.db, input.caseId);
    await updateCase(ctx, {
      id: kase.id,
      version: kase.version,
      patch: { riskLevel: suggestion.suggestedRisk },
      riskReason: `Risk signal accepted: ${suggestion.reason}${note ? ` Note: ${note}` : ''}`,
    });
  }
  const now = ctx.now();
  const at = now.toISOString();
  const decision = input.decision === 'accept' ? 'accepted' : 'dismissed';
  const id = randomUUID();
  try {
    await ctx.db.transaction().execute(async (trx) => {
      await decisionsOf(trx)
        .insertInto('risk_signal_decision')
        .values({
          id,
          case_id: suggestion.caseId,
          rule_id: suggestion.ruleId,
          signature: suggestion.signature,
          threat_ids: stringifyList(suggestion.threatIds),
          decision,
          note,
          decided_at: at,
          decided_by: ctx.actor,
        })
        .execute();
      await touchCases(trx, [suggestion.caseId], at);
      await appendAudit(trx, {
        actor: ctx.actor,
        at: now,
        action: 'create',
        entity: 'risk_signal',
        entityId: id,
        caseId: suggestion.caseId,
        changes: diffFields(null, {
          ruleId: suggestion.ruleId,
          decision,
          riskLevel: suggestion.currentRisk,
          suggestedRisk: suggestion.suggestedRisk,
          reason: suggestion.reason,
          threatIds: suggestion.threatIds,
          note,
        }),
      });
    });
  } catch (error) {
    if (error instanceof Error && /UNIQUE constraint failed/.test(error.message)) {
      throw new AppError('CONFLICT', 'Someone already decided on this risk suggestion. Reload the case to see its history.', { cause: error });
    }
    throw error;
  }
  return { case: await getCase(ctx.db, input.caseId) };
}
