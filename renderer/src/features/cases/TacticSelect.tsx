import { useId, type Ref, type SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { TAXONOMY } from '../../../../shared/taxonomy';
import { describedBy, FieldFrame } from '../../components/Field';
import { categoryLabel, subtypeLabel } from './labels';

interface TacticSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: string;
  /** Shown first with the value '' (e.g. "Any tactic" or "Choose a tactic…"). */
  emptyLabel: string;
  /** Lets a whole category be chosen (filters), not only a subtype. */
  categoriesSelectable?: boolean;
  error?: string;
  description?: string;
  ref?: Ref<HTMLSelectElement>;
}

/** The threat taxonomy as a grouped select: one group per category, its subtypes inside. */
export function TacticSelect({ label, emptyLabel, categoriesSelectable = false, error, description, ref, className, ...rest }: TacticSelectProps) {
  const { t } = useTranslation();
  const id = useId();
  return (
    <FieldFrame id={id} label={label} error={error} description={description} className={className}>
      <div className="field__row">
        <select
          ref={ref}
          id={id}
          className="input select"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, Boolean(description), Boolean(error))}
          {...rest}
        >
          <option value="">{emptyLabel}</option>
          {TAXONOMY.map((category) => (
            <optgroup key={category.id} label={categoryLabel(t, category.id)}>
              {categoriesSelectable ? <option value={category.id}>{t('taxonomy.anyIn', { category: categoryLabel(t, category.id) })}</option> : null}
              {category.subtypes.map((subtype) => (
                <option key={subtype.id} value={subtype.id}>
                  {subtypeLabel(t, subtype.id)}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </FieldFrame>
  );
}
