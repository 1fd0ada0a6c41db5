import i18next, { type TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { RiskLevel, Sensitivity } from '../../../../shared/domain/enums';
import { tacticOf, TAXONOMY } from '../../../../shared/taxonomy';

/** Taxonomy ids are translated by id; the English label in the data is the fallback. */
export function categoryLabel(t: TFunction, categoryId: string): string {
  const category = TAXONOMY.find((c) => c.id === categoryId);
  return t(`taxonomy.categories.${categoryId}`, { defaultValue: category?.label ?? categoryId });
}

export function subtypeLabel(t: TFunction, tacticId: string): string {
  return t(`taxonomy.subtypes.${tacticId}`, { defaultValue: tacticOf(tacticId)?.subtype.label ?? tacticId });
}

/** "Category › Subtype", as shown on the timeline. */
export function tacticLabel(t: TFunction, tacticId: string): string {
  const found = tacticOf(tacticId);
  if (!found) return tacticId;
  return `${categoryLabel(t, found.category.id)} › ${subtypeLabel(t, tacticId)}`;
}

/** Risk as a coloured badge that always carries its text (never colour alone). */
export function RiskBadge({ level }: { level: RiskLevel }) {
  const { t } = useTranslation();
  return (
    <span className={`badge badge--risk badge--risk-${level}`}>
      <span className="badge__dot" aria-hidden="true" />
      {t('cases.riskBadge', { level: t(`enums.risk.${level}`) })}
    </span>
  );
}

export function SensitivityBadge({ sensitivity }: { sensitivity: Sensitivity }) {
  const { t } = useTranslation();
  return <span className={`badge badge--sensitivity-${sensitivity}`}>{t(`enums.sensitivity.${sensitivity}`)}</span>;
}

export function formatDay(day: string | null | undefined): string {
  if (!day) return '';
  const date = new Date(`${day.slice(0, 10)}T00:00:00Z`);
  if (Number.isNaN(date.getTime())) return day;
  return new Intl.DateTimeFormat(i18next.language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
}

export function isRealDay(day: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return false;
  const date = new Date(`${day}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === day;
}

/** One line per value: trims, drops blanks and repeats. */
export function cleanList(values: readonly string[]): string[] {
  return [...new Set(values.map((v) => v.trim()).filter(Boolean))];
}
