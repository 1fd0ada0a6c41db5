import type { TFunction } from 'i18next';
import { z } from 'zod';
import { DATE_PRECISIONS, THREAT_CHANNELS, VERIFICATIONS } from '../../../../shared/domain/enums';
import type { ContactDto, ThreatDto, ThreatFields } from '../../../../shared/domain/records';
import type { ConflictField } from '../../components/ConflictNotice';
import { isRealDay, tacticLabel } from '../cases/labels';
import { formatThreatDate } from './threat-date';

const OTHER = 'other.other';
const CLIENT = 'client';

/**
 * The threat as typed: one input per date precision (day, month, year,
 * range), the target as "client" or a contact id, severity as text.
 */
export const threatFormSchema = z
  .object({
    tacticId: z.string().min(1, 'threats.validation.tactic'),
    tacticOther: z.string().trim().max(500, 'recordForms.tooLong'),
    datePrecision: z.enum(DATE_PRECISIONS),
    day: z.string(),
    month: z.string(),
    year: z.string(),
    rangeFrom: z.string(),
    rangeTo: z.string(),
    country: z.string().trim().max(80, 'recordForms.tooLong'),
    city: z.string().trim().max(120, 'recordForms.tooLong'),
    channel: z.enum(THREAT_CHANNELS),
    target: z.string(),
    perpetratorIds: z.array(z.string()),
    evidenceIds: z.array(z.string()),
    severity: z.enum(['1', '2', '3', '4', '5']),
    verification: z.enum(VERIFICATIONS),
    description: z.string().max(20_000, 'recordForms.tooLong'),
  })
  .superRefine((v, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    if (v.tacticId === OTHER && v.tacticOther === '') issue('tacticOther', 'threats.validation.otherNeedsText');
    switch (v.datePrecision) {
      case 'exact':
        if (!isRealDay(v.day)) issue('day', 'threats.validation.day');
        break;
      case 'month':
        if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(v.month)) issue('month', 'threats.validation.month');
        break;
      case 'year':
      case 'approximate':
        if (!/^\d{4}$/.test(v.year)) issue('year', 'threats.validation.year');
        break;
      case 'range':
        if (!isRealDay(v.rangeFrom)) issue('rangeFrom', 'threats.validation.day');
        if (!isRealDay(v.rangeTo)) issue('rangeTo', 'threats.validation.day');
        else if (isRealDay(v.rangeFrom) && v.rangeTo < v.rangeFrom) issue('rangeTo', 'threats.validation.rangeOrder');
        break;
      default: {
        const unreachable: never = v.datePrecision;
        return unreachable;
      }
    }
  });
export type ThreatFormValues = z.infer<typeof threatFormSchema>;

export function threatFormValues(threat: ThreatDto | null): ThreatFormValues {
  const from = threat?.occurredFrom ?? '';
  const precision = threat?.datePrecision ?? 'exact';
  return {
    tacticId: threat?.tacticId ?? '',
    tacticOther: threat?.tacticOther ?? '',
    datePrecision: precision,
    day: precision === 'exact' ? from : '',
    month: precision === 'month' ? from.slice(0, 7) : '',
    year: precision === 'year' || precision === 'approximate' ? from.slice(0, 4) : '',
    rangeFrom: precision === 'range' ? from : '',
    rangeTo: precision === 'range' ? (threat?.occurredTo ?? '') : '',
    country: threat?.country ?? '',
    city: threat?.city ?? '',
    channel: threat?.channel ?? 'in_person',
    target: threat?.targetContactId ?? CLIENT,
    perpetratorIds: threat?.perpetratorIds ?? [],
    evidenceIds: threat?.evidenceIds ?? [],
    severity: String(threat?.severity ?? 3) as ThreatFormValues['severity'],
    verification: threat?.verification ?? 'unverified',
    description: threat?.description ?? '',
  };
}

function occurred(v: ThreatFormValues): { occurredFrom: string; occurredTo: string | null } {
  switch (v.datePrecision) {
    case 'exact':
      return { occurredFrom: v.day, occurredTo: null };
    case 'month':
      return { occurredFrom: `${v.month}-01`, occurredTo: null };
    case 'year':
    case 'approximate':
      return { occurredFrom: `${v.year}-01-01`, occurredTo: null };
    case 'range':
      return { occurredFrom: v.rangeFrom, occurredTo: v.rangeTo };
    default: {
      const unreachable: never = v.datePrecision;
      return unreachable;
    }
  }
}

export function toThreatFields(v: ThreatFormValues): ThreatFields {
  return {
    tacticId: v.tacticId,
    tacticOther: v.tacticId === OTHER ? v.tacticOther : '',
    datePrecision: v.datePrecision,
    ...occurred(v),
    country: v.country,
    city: v.city,
    channel: v.channel,
    targetContactId: v.target === CLIENT ? null : v.target,
    perpetratorIds: [...v.perpetratorIds].sort(),
    evidenceIds: [...v.evidenceIds].sort(),
    severity: Number(v.severity),
    verification: v.verification,
    description: v.description,
  };
}

export function threatConflictRows(t: TFunction, mine: ThreatFields, theirs: ThreatFields, contacts: ContactDto[], clientName: string): ConflictField[] {
  const person = (id: string | null) => (id === null ? clientName : (contacts.find((c) => c.id === id)?.name ?? id));
  const people = (ids: string[]) => [...ids].sort().map(person).join(', ');
  return [
    { label: t('threats.fields.tactic'), mine: tacticLabel(t, mine.tacticId), theirs: tacticLabel(t, theirs.tacticId) },
    { label: t('threats.fields.tacticOther'), mine: mine.tacticOther, theirs: theirs.tacticOther },
    { label: t('threats.fields.date'), mine: formatThreatDate(t, mine), theirs: formatThreatDate(t, theirs) },
    { label: t('threats.fields.country'), mine: mine.country, theirs: theirs.country },
    { label: t('threats.fields.city'), mine: mine.city, theirs: theirs.city },
    { label: t('threats.fields.channel'), mine: t(`enums.channel.${mine.channel}`), theirs: t(`enums.channel.${theirs.channel}`) },
    { label: t('threats.fields.target'), mine: person(mine.targetContactId), theirs: person(theirs.targetContactId) },
    { label: t('threats.fields.perpetrators'), mine: people(mine.perpetratorIds), theirs: people(theirs.perpetratorIds) },
    { label: t('threats.fields.severity'), mine: String(mine.severity), theirs: String(theirs.severity) },
    { label: t('threats.fields.verification'), mine: t(`enums.verification.${mine.verification}`), theirs: t(`enums.verification.${theirs.verification}`) },
    { label: t('threats.fields.evidence'), mine: String(mine.evidenceIds.length), theirs: String(theirs.evidenceIds.length) },
    { label: t('threats.fields.description'), mine: mine.description, theirs: theirs.description },
  ];
}
