import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { ThreatDto } from '../../../../shared/domain/records';
import { tacticOf } from '../../../../shared/taxonomy';
import { invoke } from '../../lib/api';
import { formatDay } from '../history/record-format';

/**
 * The case's threats, for linking evidence and referrals to them. Same key
 * and data as the Threats section, so either side's changes show in both;
 * refetched on mount because threats are edited elsewhere.
 */
export function useCaseThreats(caseId: string) {
  return useQuery({ queryKey: ['threats', caseId], queryFn: () => invoke('threats:list', { caseId }), staleTime: 0 });
}

/** "Interpol red notice · 3 Mar 2026" — the tactic (translated where known) and when. */
export function useThreatLabel(): (threat: ThreatDto) => string {
  const { t } = useTranslation();
  return (threat) => {
    const tactic = tacticOf(threat.tacticId);
    const name = threat.tacticOther.trim() || t(`taxonomy.${threat.tacticId}`, { defaultValue: tactic?.subtype.label ?? threat.tacticId });
    return `${name} · ${formatDay(threat.occurredFrom)}`;
  };
}

/** Labels for linked threat ids; unknown ids (deleted meanwhile) are skipped. */
export function LinkedThreats({ ids, threats }: { ids: readonly string[]; threats: readonly ThreatDto[] | undefined }) {
  const { t } = useTranslation();
  const label = useThreatLabel();
  const linked = (threats ?? []).filter((threat) => ids.includes(threat.id));
  if (linked.length === 0) return <span className="muted">{t('records.none')}</span>;
  return (
    <ul className="tag-list">
      {linked.map((threat) => (
        <li key={threat.id} className="tag" dir="auto">
          {label(threat)}
        </li>
      ))}
    </ul>
  );
}

interface ThreatPickerProps {
  legend: string;
  threats: readonly ThreatDto[] | undefined;
  value: readonly string[];
  onChange: (ids: string[]) => void;
  description?: string;
}

/** A labelled group of checkboxes, one per threat of the case. */
export function ThreatPicker({ legend, threats, value, onChange, description }: ThreatPickerProps) {
  const { t } = useTranslation();
  const label = useThreatLabel();
  return (
    <fieldset className="check-group">
      <legend className="field__label">{legend}</legend>
      {description ? <p className="field__description">{description}</p> : null}
      {!threats || threats.length === 0 ? (
        <p className="muted small">{t('records.noThreats')}</p>
      ) : (
        <ul className="check-group__list">
          {threats.map((threat) => (
            <li key={threat.id}>
              <label className="check-group__item">
                <input
                  type="checkbox"
                  checked={value.includes(threat.id)}
                  onChange={(event) => onChange(event.target.checked ? [...value, threat.id] : value.filter((id) => id !== threat.id))}
                />
                <span dir="auto">{label(threat)}</span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}
