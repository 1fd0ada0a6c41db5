import { NameList } from '../../components/NameList';
import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseListItem } from '../../../../shared/domain/records';
import { formatDateTime } from '../../lib/format';
import { formatDay, RiskBadge } from './labels';
import type { CaseFilters, CaseSortField } from './case-filters';

interface CasesTableProps {
  items: CaseListItem[];
  total: number;
  hasMore: boolean;
  loadingMore: boolean;
  onLoadMore: () => void;
  filters: CaseFilters;
  onSort: (sort: CaseSortField) => void;
  onOpen: (caseId: string) => void;
}

const ROW_HEIGHT = 56;

type Column = { key: string; sort?: CaseSortField };
const COLUMNS: Column[] = [
  { key: 'code', sort: 'code' },
  { key: 'client', sort: 'client' },
  { key: 'status', sort: 'status' },
  { key: 'risk', sort: 'risk' },
  { key: 'assignedTo' },
  { key: 'threats' },
  { key: 'updated', sort: 'updated' },
];

/**
 * The cases list as an ARIA table whose rows are virtualised: only the rows
 * in view are in the DOM, and the next page loads as the end comes near.
 */
export function CasesTable({ items, total, hasMore, loadingMore, onLoadMore, filters, onSort, onOpen }: CasesTableProps) {
  const { t } = useTranslation();
  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: items.length + (hasMore ? 1 : 0),
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  });
  const virtualRows = virtualizer.getVirtualItems();
  const lastIndex = virtualRows.at(-1)?.index ?? 0;

  useEffect(() => {
    if (hasMore && !loadingMore && lastIndex >= items.length - 20) onLoadMore();
  }, [hasMore, loadingMore, lastIndex, items.length, onLoadMore]);

  return (
    <div className="case-table" role="table" aria-label={t('cases.tableLabel')} aria-rowcount={total + 1}>
      <div role="rowgroup">
        <div className="case-table__row case-table__row--head" role="row" aria-rowindex={1}>
          {COLUMNS.map((column) => {
            const sorted = column.sort && filters.sort === column.sort;
            const ariaSort = sorted ? (filters.direction === 'asc' ? 'ascending' : 'descending') : column.sort ? 'none' : undefined;
            return (
              <div key={column.key} role="columnheader" aria-sort={ariaSort} className={`case-table__cell case-table__cell--${column.key}`}>
                {column.sort ? (
                  <button type="button" className="sort-button" onClick={() => onSort(column.sort!)}>
                    {t(`cases.columns.${column.key}`)}
                    <span className="sort-button__arrow" aria-hidden="true">
                      {sorted ? (filters.direction === 'asc' ? '▲' : '▼') : '↕'}
                    </span>
                  </button>
                ) : (
                  t(`cases.columns.${column.key}`)
                )}
              </div>
            );
          })}
        </div>
      </div>
      <div className="case-table__scroll" ref={scrollRef} role="rowgroup">
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualRows.map((row) => {
            const item = items[row.index];
            const style = { position: 'absolute' as const, top: 0, left: 0, right: 0, height: row.size, transform: `translateY(${row.start}px)` };
            if (!item) {
              return (
                <div key="more" role="row" className="case-table__row case-table__row--more" style={style}>
                  <div role="cell" className="muted">
                    {t('cases.loadingMore')}
                  </div>
                </div>
              );
            }
            return (
              <div
                key={item.id}
                role="row"
                aria-rowindex={row.index + 2}
                className={['case-table__row', item.archived ? 'case-table__row--archived' : null].filter(Boolean).join(' ')}
                style={style}
                onClick={() => onOpen(item.id)}
              >
                <div role="cell" className="case-table__cell case-table__cell--code">
                  <button type="button" className="case-link" onClick={(event) => {
                      event.stopPropagation();
                      onOpen(item.id);
                    }}>
                    {item.code}
                  </button>
                  {item.archived ? <span className="badge badge--muted">{t('cases.archived')}</span> : null}
                </div>
                <div role="cell" className="case-table__cell case-table__cell--client">
                  <span className="case-table__name" dir="auto">
                    {item.clientName}
                  </span>
                  {item.clientOriginalNames.length > 0 ? (
                    <span className="case-table__original" dir="auto">
                      <NameList names={item.clientOriginalNames} />
                    </span>
                  ) : null}
                </div>
                <div role="cell" className="case-table__cell case-table__cell--status">
                  {t(`enums.status.${item.status}`)}
                </div>
                <div role="cell" className="case-table__cell case-table__cell--risk">
                  <RiskBadge level={item.riskLevel} />
                </div>
                <div role="cell" className="case-table__cell case-table__cell--assignedTo" dir="auto">
                  {item.assignedTo ? (
                    <span className="truncate" title={item.assignedTo}>
                      {item.assignedTo}
                    </span>
                  ) : (
                    <span className="muted">{t('cases.unassigned')}</span>
                  )}
                </div>
                <div role="cell" className="case-table__cell case-table__cell--threats">
                  {item.threatCount}
                </div>
                <div role="cell" className="case-table__cell case-table__cell--updated" title={formatDateTime(item.updatedAt)}>
                  {formatDay(item.updatedAt)}
                </div>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
