import type { TFunction } from 'i18next';
import { z } from 'zod';
import { CASE_STATUSES, PRIORITIES, RISK_LEVELS } from '../../../../shared/domain/enums';
import type { CaseDto, CaseFields } from '../../../../shared/domain/records';
import type { ConflictField } from '../../components/ConflictNotice';
import { formatDay, isRealDay } from './labels';

const optionalDay = z.string().refine((v) => v === '' || isRealDay(v), 'recordForms.invalidDate');

export const caseFormObject = z.object({
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  riskLevel: z.enum(RISK_LEVELS),
  assignedTo: z.string().trim().max(200, 'recordForms.tooLong'),
  openedOn: z.string().refine(isRealDay, 'recordForms.invalidDate'),
  closedOn: optionalDay,
  summary: z.string().max(20_000, 'recordForms.tooLong'),
  riskReason: z.string().trim().max(500, 'recordForms.tooLong'),
});
export type CaseFormValues = z.infer<typeof caseFormObject>;

/** A change of risk level needs a reason: it goes into the dated risk history. */
export function caseFormSchema(savedRisk: string | null) {
  return caseFormObject.superRefine((values, ctx) => {
    if (savedRisk !== null && values.riskLevel !== savedRisk && values.riskReason === '') {
      ctx.addIssue({ code: 'custom', path: ['riskReason'], message: 'cases.validation.riskReasonRequired' });
    }
    if (values.closedOn !== '' && values.closedOn < values.openedOn) {
      ctx.addIssue({ code: 'custom', path: ['closedOn'], message: 'cases.validation.closedBeforeOpened' });
    }
  });
}

export function caseFormValues(caseFile: CaseDto): CaseFormValues {
  return {
    status: caseFile.status,
    priority: caseFile.priority,
    riskLevel: caseFile.riskLevel,
    assignedTo: caseFile.assignedTo,
    openedOn: caseFile.openedOn,
    closedOn: caseFile.closedOn ?? '',
    summary: caseFile.summary,
    riskReason: '',
  };
}

export function toCaseFields(values: CaseFormValues): CaseFields {
  const { riskReason: _reason, ...fields } = values;
  void _reason;
  return { ...fields, assignedTo: fields.assignedTo.trim(), closedOn: fields.closedOn === '' ? null : fields.closedOn };
}

export function caseConflictRows(t: TFunction, mine: CaseFields, theirs: CaseDto): ConflictField[] {
  return [
    { label: t('caseFields.status'), mine: t(`enums.status.${mine.status}`), theirs: t(`enums.status.${theirs.status}`) },
    { label: t('caseFields.priority'), mine: t(`enums.priority.${mine.priority}`), theirs: t(`enums.priority.${theirs.priority}`) },
    { label: t('caseFields.riskLevel'), mine: t(`enums.risk.${mine.riskLevel}`), theirs: t(`enums.risk.${theirs.riskLevel}`) },
    { label: t('caseFields.assignedTo'), mine: mine.assignedTo, theirs: theirs.assignedTo },
    { label: t('caseFields.openedOn'), mine: formatDay(mine.openedOn), theirs: formatDay(theirs.openedOn) },
    { label: t('caseFields.closedOn'), mine: formatDay(mine.closedOn), theirs: formatDay(theirs.closedOn) },
    { label: t('caseFields.summary'), mine: mine.summary, theirs: theirs.summary },
  ];
}
