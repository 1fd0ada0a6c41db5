import type { TFunction } from 'i18next';
import type { RecipientType } from '../../../../shared/domain/enums';
import { PURPOSES, purposeLabel } from '../../../../shared/purposes';

/** Purpose ids are translated by id; the English label in the vocabulary is the fallback. */
export function purposeName(t: TFunction, id: string): string {
  return t(`purposes.${id}`, { defaultValue: purposeLabel(id) });
}

/** The purposes a form offers for a recipient type, in the vocabulary's order. */
export function purposeOptions(t: TFunction, type: RecipientType): Array<{ value: string; label: string }> {
  return PURPOSES.forType(type).map((p) => ({ value: p.id, label: purposeName(t, p.id) }));
}

/** "Criminal complaint; Threat assessment", then the detail if there is one. */
export function purposeSummary(t: TFunction, ids: readonly string[], detail: string): string {
  const labels = ids.map((id) => purposeName(t, id)).join('; ');
  return detail.trim() === '' ? labels : `${labels} — ${detail.trim()}`;
}
