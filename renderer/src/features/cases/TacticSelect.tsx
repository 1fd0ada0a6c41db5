import type { Ref, SelectHTMLAttributes } from 'react';
import { useTranslation } from 'react-i18next';
import { TAXONOMY } from '../../../../shared/taxonomy';
import { Select } from '../../components/Select';
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
export function TacticSelect({ emptyLabel, categoriesSelectable = false, ...rest }: TacticSelectProps) {
  const { t } = useTranslation();
  const groups = TAXONOMY.map((category) => ({
    label: categoryLabel(t, category.id),
    options: [
      ...(categoriesSelectable ? [{ value: category.id, label: t('taxonomy.anyIn', { category: categoryLabel(t, category.id) }) }] : []),
      ...category.subtypes.map((subtype) => ({ value: subtype.id, label: subtypeLabel(t, subtype.id) })),
    ],
  }));
  return <Select options={[{ value: '', label: emptyLabel }]} groups={groups} {...rest} />;
}
