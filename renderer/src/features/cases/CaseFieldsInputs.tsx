import { useId } from 'react';
import type { FieldErrors, UseFormRegister } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CASE_STATUSES, PRIORITIES, RISK_LEVELS } from '../../../../shared/domain/enums';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { useFieldError } from '../../lib/use-field-error';
import { useAssignees } from './queries';

interface CaseFieldValues {
  status: string;
  priority: string;
  riskLevel: string;
  assignedTo: string;
}

/** Status, priority, risk and the assigned caseworker (with earlier names offered). */
export function CaseStatusInputs<T extends CaseFieldValues>({ register, errors }: { register: UseFormRegister<T>; errors: FieldErrors<T> }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const assignees = useAssignees();
  const listId = useId();
  const reg = register as unknown as UseFormRegister<CaseFieldValues>;
  const errs = errors as FieldErrors<CaseFieldValues>;
  return (
    <div className="form-grid">
      <Select label={t('caseFields.status')} options={CASE_STATUSES.map((value) => ({ value, label: t(`enums.status.${value}`) }))} {...reg('status')} />
      <Select label={t('caseFields.priority')} options={PRIORITIES.map((value) => ({ value, label: t(`enums.priority.${value}`) }))} {...reg('priority')} />
      <Select label={t('caseFields.riskLevel')} options={RISK_LEVELS.map((value) => ({ value, label: t(`enums.risk.${value}`) }))} {...reg('riskLevel')} />
      <TextField
        label={t('caseFields.assignedTo')}
        dir="auto"
        autoComplete="off"
        list={listId}
        error={fieldError(errs.assignedTo?.message)}
        trailing={
          <datalist id={listId}>
            {(assignees.data ?? []).map((name) => (
              <option key={name} value={name} />
            ))}
          </datalist>
        }
        {...reg('assignedTo')}
      />
    </div>
  );
}
