import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, RISK_LEVELS } from '../../../../shared/domain/enums';
import { Checkbox } from '../../components/Checkbox';
import { Select } from '../../components/Select';
import type { CaseFilters } from './case-filters';
import { useAssignees } from './queries';
import { TacticSelect } from './TacticSelect';

interface ChipGroupProps<V extends string> {
  legend: string;
  values: readonly V[];
  selected: V[];
  labelOf: (value: V) => string;
  onChange: (selected: V[]) => void;
  className?: (value: V) => string;
}

/** A multi-choice filter as toggle buttons (aria-pressed). */
function ChipGroup<V extends string>({ legend, values, selected, labelOf, onChange, className }: ChipGroupProps<V>) {
  return (
    <fieldset className="chip-group">
      <legend className="field__label">{legend}</legend>
      <div className="chip-group__chips">
        {values.map((value) => {
          const on = selected.includes(value);
          return (
            <button
              key={value}
              type="button"
              className={['chip', className?.(value)].filter(Boolean).join(' ')}
              aria-pressed={on}
              onClick={() => onChange(on ? selected.filter((v) => v !== value) : [...selected, value])}
            >
              {labelOf(value)}
            </button>
          );
        })}
      </div>
    </fieldset>
  );
}

export function CaseFiltersBar({ filters, onChange }: { filters: CaseFilters; onChange: (filters: CaseFilters) => void }) {
  const { t } = useTranslation();
  const assignees = useAssignees();
  return (
    <div className="filters" role="group" aria-label={t('cases.filters.label')}>
      <ChipGroup
        legend={t('cases.filters.status')}
        values={CASE_STATUSES}
        selected={filters.statuses}
        labelOf={(value) => t(`enums.status.${value}`)}
        onChange={(statuses) => onChange({ ...filters, statuses })}
      />
      <ChipGroup
        legend={t('cases.filters.risk')}
        values={RISK_LEVELS}
        selected={filters.riskLevels}
        labelOf={(value) => t(`enums.risk.${value}`)}
        className={(value) => `chip--risk-${value}`}
        onChange={(riskLevels) => onChange({ ...filters, riskLevels })}
      />
      <div className="filters__row">
        <TacticSelect
          label={t('cases.filters.tactic')}
          emptyLabel={t('cases.filters.anyTactic')}
          categoriesSelectable
          value={filters.tactic}
          onChange={(event) => onChange({ ...filters, tactic: event.target.value })}
        />
        <Select
          label={t('cases.filters.assignedTo')}
          value={filters.assignedTo}
          onChange={(event) => onChange({ ...filters, assignedTo: event.target.value })}
          options={[{ value: '', label: t('cases.filters.anyone') }, ...(assignees.data ?? []).filter(Boolean).map((name) => ({ value: name, label: name }))]}
        />
        <Checkbox
          className="filters__archived"
          label={t('cases.filters.includeArchived')}
          checked={filters.includeArchived}
          onChange={(event) => onChange({ ...filters, includeArchived: event.target.checked })}
        />
      </div>
    </div>
  );
}
