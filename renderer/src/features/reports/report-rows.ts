import type { TFunction } from 'i18next';
import i18next from 'i18next';
import type { ReportData } from '../../../../shared/ipc/insights-contract';
import { REFERRAL_OUTCOMES } from '../../../../shared/domain/enums';
import { TAXONOMY } from '../../../../shared/taxonomy';
import { categoryLabel } from '../cases/labels';

/** "2026-03" → "Mar 2026" in the UI language. */
export function formatMonth(month: string): string {
  const date = new Date(`${month}-01T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return month;
  return new Intl.DateTimeFormat(i18next.language, { month: 'short', year: 'numeric', timeZone: 'UTC' }).format(date);
}

/** Every month from the first to the last, so gaps show as empty columns rather than vanish. */
function monthRange(months: readonly string[]): string[] {
  const sorted = [...new Set(months)].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last || !/^\d{4}-\d{2}$/.test(first) || !/^\d{4}-\d{2}$/.test(last)) return sorted;
  const out: string[] = [];
  let [year, month] = first.split('-').map(Number) as [number, number];
  for (let guard = 0; guard < 600; guard += 1) {
    const key = `${year}-${String(month).padStart(2, '0')}`;
    out.push(key);
    if (key >= last) break;
    month += 1;
    if (month > 12) {
      month = 1;
      year += 1;
    }
  }
  return out;
}

export interface TacticTable {
  categories: { key: string; label: string }[];
  rows: { month: string; label: string; values: number[]; total: number }[];
}

/** Months × tactic categories (taxonomy order; categories with no threats are left out). */
export function tacticTable(t: TFunction, data: ReportData): TacticTable {
  const present = new Set(data.threatsByTacticOverTime.filter((row) => row.count > 0).map((row) => row.categoryId));
  const known = TAXONOMY.map((c) => c.id).filter((id) => present.has(id));
  const extra = [...present].filter((id) => !known.includes(id)).sort();
  const ids = [...known, ...extra];
  const counts = new Map(data.threatsByTacticOverTime.map((row) => [`${row.month}|${row.categoryId}`, row.count]));
  const rows = monthRange(data.threatsByTacticOverTime.map((row) => row.month)).map((month) => {
    const values = ids.map((id) => counts.get(`${month}|${id}`) ?? 0);
    return { month, label: formatMonth(month), values, total: values.reduce((a, b) => a + b, 0) };
  });
  return { categories: ids.map((id) => ({ key: id, label: categoryLabel(t, id) })), rows };
}

export const OUTCOME_COLUMNS = [...REFERRAL_OUTCOMES, 'open'] as const;

export function referralRows(data: ReportData) {
  return [...data.referralsByRecipient]
    .sort((a, b) => b.total - a.total)
    .map((row) => ({ ...row, values: OUTCOME_COLUMNS.map((outcome) => row.outcomes[outcome] ?? 0) }));
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
