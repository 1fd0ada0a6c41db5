import type { TFunction } from 'i18next';
import type { FieldChange } from '../../../../shared/domain/records';
import { tacticOf } from '../../../../shared/taxonomy';
import { formatDay, formatInstant } from './record-format';
import { purposeName } from '../consent/purpose-labels';

/**
 * Turns audit diffs into words: field labels and enum values translated
 * where the app knows them, otherwise the raw field name / value as text.
 */

// Fields whose values are ids of an enum with translations, by i18n prefix.
const VALUE_KEYS: Record<string, string> = {
  recipientType: 'recipientTypes',
  outcome: 'referralOutcomes',
  scopeIdentity: 'consent.identity',
  obtainedHow: 'consent.obtained',
  riskLevel: 'history.values.riskLevel',
  suggestedRisk: 'history.values.riskLevel',
  decision: 'history.values.decision',
  priority: 'history.values.priority',
  immigrationStatus: 'history.values.immigrationStatus',
  sensitivity: 'history.values.sensitivity',
  verification: 'history.values.verification',
  channel: 'history.values.channel',
  datePrecision: 'history.values.datePrecision',
  role: 'history.values.role',
  kind: 'history.values.kind',
};

const STATUS_KEYS: Record<string, string> = { referral: 'referralStatuses', case: 'history.values.caseStatus' };

export function fieldLabel(t: TFunction, entity: string, field: string): string {
  return t(`history.fields.${entity}.${field}`, { defaultValue: t(`history.fields.common.${field}`, { defaultValue: field }) });
}

export function valueText(t: TFunction, entity: string, field: string, value: unknown): string {
  if (value === null || value === undefined || value === '') return t('history.empty');
  if (typeof value === 'boolean') return value ? t('history.yes') : t('history.no');
  if (Array.isArray(value)) {
    if (value.length === 0) return t('history.empty');
    if (field === 'purposeIds') return value.map((id) => purposeName(t, String(id))).join('; ');
    if (field.endsWith('Ids')) return t('history.linkedCount', { count: value.length });
    return value.map((item) => valueText(t, entity, field, item)).join(', ');
  }
  if (typeof value === 'object') return JSON.stringify(value);
  const text = String(value);
  const prefix = field === 'status' ? STATUS_KEYS[entity] : VALUE_KEYS[field];
  if (prefix) return t(`${prefix}.${text}`, { defaultValue: text });
  if (field === 'purposeId') return purposeName(t, text);
  if (field === 'tacticId') return t(`taxonomy.${text}`, { defaultValue: tacticOf(text)?.subtype.label ?? text });
  if (field.endsWith('Id') && /^[0-9a-f-]{36}$/i.test(text)) return t('history.linkedOne');
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) return formatDay(text);
  if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(text)) return formatInstant(text);
  return text;
}

export interface DescribedChange {
  label: string;
  from: string | null;
  to: string;
}

/** For a create, only what was filled in; for other actions, every change with its old value. */
export function describeChanges(t: TFunction, entity: string, action: string, changes: readonly FieldChange[]): DescribedChange[] {
  const filled = action === 'create' ? changes.filter((c) => !(c.to === null || c.to === '' || (Array.isArray(c.to) && c.to.length === 0))) : changes;
  return filled.map((change) => ({
    label: fieldLabel(t, entity, change.field),
    from: action === 'create' ? null : valueText(t, entity, change.field, change.from),
    to: valueText(t, entity, change.field, change.to),
  }));
}
