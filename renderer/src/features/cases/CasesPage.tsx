import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { SectionIcon } from '../shell/SectionIcon';
import { DEFAULT_CASE_FILTERS, isFiltered, toListQuery, type CaseFilters } from './case-filters';
import { CaseFiltersBar } from './CaseFiltersBar';
import { CasesTable } from './CasesTable';
import { useCaseList } from './queries';
import { useDebounced } from './use-debounced';

interface CasesPageProps {
  filters: CaseFilters;
  onFiltersChange: (filters: CaseFilters) => void;
  onOpenCase: (caseId: string) => void;
  onNewCase: () => void;
}

export function CasesPage({ filters, onFiltersChange, onOpenCase, onNewCase }: CasesPageProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState(filters.text);
  const debounced = useDebounced(search, 200);
  useEffect(() => {
    if (debounced !== filters.text) onFiltersChange({ ...filters, text: debounced });
  }, [debounced, filters, onFiltersChange]);

  const list = useCaseList(toListQuery(filters));
  const items = list.data?.pages.flatMap((page) => page.items) ?? [];
  const total = list.data?.pages.at(-1)?.total ?? 0;
  const filtered = isFiltered(filters);

  return (
    <div className="page page--wide">
      <header className="page__header page__header--actions">
        <div>
          <h1 className="page__title">{t('sections.cases.title')}</h1>
          <p className="page__lead">{list.data ? t('cases.count', { count: total }) : t('common.loading')}</p>
        </div>
        <Button variant="primary" onClick={onNewCase}>
          {t('cases.newCase')}
        </Button>
      </header>

      {list.isError ? <ErrorAlert error={asAppError(list.error)} /> : null}

      {list.data && total === 0 && !filtered ? (
        <EmptyState title={t('sections.cases.emptyTitle')} icon={<SectionIcon section="cases" />}>
          <p>{t('sections.cases.emptyBody')}</p>
          <p>{t('cases.emptyAction')}</p>
        </EmptyState>
      ) : (
        <>
          <TextField
            type="search"
            label={t('cases.search')}
            description={t('cases.searchHint')}
            dir="auto"
            autoComplete="off"
            value={search}
            onChange={(event) => setSearch(event.target.value)}
          />
          <CaseFiltersBar filters={filters} onChange={onFiltersChange} />
          <div className="live-slot" role="status">
            {list.isFetching && !list.isFetchingNextPage ? <span className="muted small">{t('cases.searching')}</span> : null}
          </div>
          {list.data && total === 0 ? (
            <EmptyState title={t('cases.noMatchesTitle')}>
              <p>{t('cases.noMatchesBody')}</p>
              <Button
                onClick={() => {
                  setSearch('');
                  onFiltersChange({ ...DEFAULT_CASE_FILTERS, sort: filters.sort, direction: filters.direction });
                }}
              >
                {t('cases.clearFilters')}
              </Button>
            </EmptyState>
          ) : (
            <CasesTable
              items={items}
              total={total}
              hasMore={Boolean(list.hasNextPage)}
              loadingMore={list.isFetchingNextPage}
              onLoadMore={() => void list.fetchNextPage()}
              filters={filters}
              onSort={(sort) =>
                onFiltersChange({ ...filters, sort, direction: filters.sort === sort ? (filters.direction === 'asc' ? 'desc' : 'asc') : sort === 'updated' || sort === 'risk' ? 'desc' : 'asc' })
              }
              onOpen={onOpenCase}
            />
          )}
        </>
      )}
    </div>
  );
}
