import type { CaseStatus, RiskLevel } from '../../../../shared/domain/enums';
import type { CASE_SORT_FIELDS, CaseListQuery } from '../../../../shared/domain/records';

export type CaseSortField = (typeof CASE_SORT_FIELDS)[number];

/** What the cases list is showing; kept by the app frame so "Back to cases" returns to it. */
export interface CaseFilters {
  text: string;
  statuses: CaseStatus[];
  riskLevels: RiskLevel[];
  tactic: string;
  assignedTo: string;
  includeArchived: boolean;
  sort: CaseSortField;
  direction: 'asc' | 'desc';
}

export const DEFAULT_CASE_FILTERS: CaseFilters = {
  text: '',
  statuses: [],
  riskLevels: [],
  tactic: '',
  assignedTo: '',
  includeArchived: false,
  sort: 'updated',
  direction: 'desc',
};

export function isFiltered(filters: CaseFilters): boolean {
  return filters.text.trim() !== '' || filters.statuses.length > 0 || filters.riskLevels.length > 0 || filters.tactic !== '' || filters.assignedTo !== '' || filters.includeArchived;
}

export function toListQuery(filters: CaseFilters): Omit<CaseListQuery, 'offset' | 'limit'> {
  return {
    ...(filters.text.trim() ? { text: filters.text.trim() } : {}),
    ...(filters.statuses.length ? { statuses: filters.statuses } : {}),
    ...(filters.riskLevels.length ? { riskLevels: filters.riskLevels } : {}),
    ...(filters.tactic ? { tactic: filters.tactic } : {}),
    ...(filters.assignedTo ? { assignedTo: filters.assignedTo } : {}),
    archived: filters.includeArchived ? 'include' : 'exclude',
    sort: filters.sort,
    direction: filters.direction,
  };
}
