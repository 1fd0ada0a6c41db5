import { createHash } from 'node:crypto';
import { z } from 'zod';
import rulesData from '../../../resources/rules/risk-signals.json';
import { AppError } from '../../../shared/errors';
import { RISK_LEVELS, type DatePrecision, type RiskLevel } from '../../../shared/domain/enums';
import { isTacticId, tacticOf } from '../../../shared/taxonomy';

/**
 * The risk-signal rules (resources/rules/risk-signals.json, documented there)
 * and a small interpreter for them. Evaluation is pure: it gets one case's
 * matching threats and earlier decisions and says which rules fire.
 */
export const RULES_SOURCE = 'resources/rules/risk-signals.json';

const common = {
  id: z.string().regex(/^[a-z0-9_.]+$/, 'use lower case letters, digits, dots and underscores').max(100),
  label: z.string().trim().min(1).max(200),
  tactics: z.array(z.string()).min(1),
  sinceDays: z.number().int().min(1).max(36_500).optional(),
  minimum: z.enum(RISK_LEVELS),
  escalateTo: z.enum(RISK_LEVELS).optional(),
};

const ruleSchema = z.discriminatedUnion('kind', [
  z.strictObject({ ...common, kind: z.literal('countWithinDays'), count: z.number().int().min(2).max(100), days: z.number().int().min(1).max(3650) }),
  z.strictObject({ ...common, kind: z.literal('any') }),
]);

const rulesFileSchema = z
  .object({ version: z.literal(1), rules: z.array(ruleSchema).min(1) })
  .superRefine((file, ctx) => {
    const seen = new Set<string>();
    file.rules.forEach((rule, index) => {
      if (seen.has(rule.id)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'id'], message: `the id "${rule.id}" is used twice` });
      seen.add(rule.id);
      rule.tactics.forEach((tactic, t) => {
        if (!isTacticId(tactic)) ctx.addIssue({ code: 'custom', path: ['rules', index, 'tactics', t], message: `"${tactic}" is not a tactic in the threat taxonomy` });
      });
      if (rule.escalateTo !== undefined && rank(rule.escalateTo) <= rank(rule.minimum)) {
        ctx.addIssue({ code: 'custom', path: ['rules', index, 'escalateTo'], message: 'must be a higher level than "minimum"' });
      }
    });
  });

export type RiskRule = z.infer<typeof ruleSchema>;

/** Validates a rules file; a broken one is refused with every problem named. */
export function parseRules(data: unknown, source = RULES_SOURCE): readonly RiskRule[] {
  const parsed = rulesFileSchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    throw new AppError('INTERNAL', `The risk-signal rules in ${source} are not valid, so no risk suggestions can be made (${problems}). Fix the file or restore the one shipped with Casekeeper.`);
  }
  return Object.freeze(parsed.data.rules);
}

let shipped: readonly RiskRule[] | undefined;

/** The shipped rules, validated on first use (so a broken file is an error on the screen that needs it). */
export function loadRules(): readonly RiskRule[] {
  shipped ??= parseRules(rulesData);
  return shipped;
}

/** All tactic ids any rule looks at, for narrowing queries. */
export function tacticsOf(rules: readonly RiskRule[]): string[] {
  return [...new Set(rules.flatMap((r) => r.tactics))];
}

// ---- evaluation -------------------------------------------------------------

export interface RuleThreat {
  id: string;
  tacticId: string;
  datePrecision: DatePrecision;
  occurredFrom: string;
  occurredTo: string | null;
}

export interface PriorDecision {
  ruleId: string;
  signature: string;
  threatIds: readonly string[];
}

export interface RuleHit {
  ruleId: string;
  signature: string;
  suggestedRisk: RiskLevel;
  reason: string;
  threatIds: string[];
}

export function rank(level: RiskLevel): number {
  return RISK_LEVELS.indexOf(level);
}

/** The level a rule would suggest for a case at `current`, or null when it would not raise it. */
export function targetLevel(rule: RiskRule, current: RiskLevel): RiskLevel | null {
  let target = rule.minimum;
  if (rank(current) >= rank(rule.minimum)) {
    if (rule.escalateTo === undefined) return null;
    target = rule.escalateTo;
  }
  return rank(target) > rank(current) ? target : null;
}

/** Identifies the threats behind a suggestion; the same threats always give the same signature. */
export function signatureOf(threatIds: readonly string[]): string {
  return createHash('sha256').update([...threatIds].sort().join(',')).digest('hex').slice(0, 32);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/**
 * Which rules fire for one case. A rule fires only when it would raise the
 * current level, and only for threats not already covered by a decision
 * (accepted or dismissed) under the same rule.
 */
export function evaluateRules(
  rules: readonly RiskRule[],
  currentRisk: RiskLevel,
  threats: readonly RuleThreat[],
  decisions: readonly PriorDecision[],
  today: string,
): RuleHit[] {
  const hits: RuleHit[] = [];
  for (const rule of rules) {
    const suggestedRisk = targetLevel(rule, currentRisk);
    if (suggestedRisk === null) continue;
    const decided = decisions.filter((d) => d.ruleId === rule.id);
    const covered = new Set(decided.flatMap((d) => d.threatIds));
    const signatures = new Set(decided.map((d) => d.signature));
    const since = rule.sinceDays === undefined ? null : addDays(today, -rule.sinceDays);
    const matching = threats
      .filter((t) => rule.tactics.includes(t.tacticId) && (since === null || (t.occurredTo ?? t.occurredFrom) >= since))
      .sort((a, b) => (a.occurredFrom < b.occurredFrom ? -1 : a.occurredFrom > b.occurredFrom ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    const fired = fire(rule, matching, covered);
    if (!fired) continue;
    const threatIds = fired.map((t) => t.id);
    const signature = signatureOf(threatIds);
    if (signatures.has(signature)) continue;
    hits.push({ ruleId: rule.id, signature, suggestedRisk, reason: reasonFor(rule, fired), threatIds: [...threatIds].sort() });
  }
  return hits.sort((a, b) => rank(b.suggestedRisk) - rank(a.suggestedRisk));
}

/** The threats that make a rule fire, or null. `matching` is sorted by date. */
function fire(rule: RiskRule, matching: readonly RuleThreat[], covered: ReadonlySet<string>): RuleThreat[] | null {
  switch (rule.kind) {
    case 'any': {
      const fresh = matching.filter((t) => !covered.has(t.id));
      return fresh.length > 0 ? fresh : null;
    }
    case 'countWithinDays': {
      // The latest span of `days` days holding enough threats, at least one of them new.
      for (let end = matching.length - 1; end >= 0; end -= 1) {
        const last = matching[end]!;
        const start = addDays(last.occurredFrom, -rule.days);
        const window = matching.slice(0, end + 1).filter((t) => t.occurredFrom >= start);
        if (window.length >= rule.count && window.some((t) => !covered.has(t.id))) return window;
      }
      return null;
    }
    default: {
      const unreachable: never = rule;
      return unreachable;
    }
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function dayText(day: string): string {
  const [y, m, d] = day.split('-');
  return `${Number(d)} ${MONTHS[Number(m) - 1] ?? m} ${y}`;
}

/** A threat's date as recorded, at its precision ("Mar 2026", "about 3 Oct 2026"). */
export function threatDateText(t: Pick<RuleThreat, 'datePrecision' | 'occurredFrom' | 'occurredTo'>): string {
  switch (t.datePrecision) {
    case 'exact':
      return dayText(t.occurredFrom);
    case 'month':
      return dayText(t.occurredFrom).replace(/^\d+ /, '');
    case 'year':
      return t.occurredFrom.slice(0, 4);
    case 'approximate':
      return `about ${dayText(t.occurredFrom)}`;
    case 'range':
      return t.occurredTo ? `${dayText(t.occurredFrom)} – ${dayText(t.occurredTo)}` : dayText(t.occurredFrom);
    default: {
      const unreachable: never = t.datePrecision;
      return unreachable;
    }
  }
}

/** The taxonomy label without its parenthesised examples: "Coercion by proxy". */
function tacticName(tacticId: string): string {
  const label = tacticOf(tacticId)?.subtype.label ?? tacticId;
  return label.replace(/\s*\(.*\)\s*$/, '');
}

const LISTED = 8;

function reasonFor(rule: RiskRule, threats: readonly RuleThreat[]): string {
  const items = threats.slice(0, LISTED).map((t) => `${tacticName(t.tacticId)} on ${threatDateText(t)}`);
  if (threats.length > LISTED) items.push(`${threats.length - LISTED} more`);
  const list = items.join('; ');
  switch (rule.kind) {
    case 'countWithinDays':
      return `${threats.length} threats within ${rule.days} days: ${list}.`;
    case 'any':
      return `${threats.length === 1 ? 'New threat' : `${threats.length} new threats`}: ${list}.`;
    default: {
      const unreachable: never = rule;
      return unreachable;
    }
  }
}
