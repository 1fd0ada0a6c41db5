import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { ReferralDto, TaskDto } from '../../../../shared/domain/records';
import type { AppError } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { ConflictNotice, type ConflictField } from '../../components/ConflictNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { asAppError, invoke } from '../../lib/api';
import { useGuard, useUnsavedChanges } from '../../lib/unsaved-changes';
import { useFieldError } from '../../lib/use-field-error';
import { conflictFields, formatDay, todayIso } from '../history/record-format';
import { useCreateTask, useUpdateTask } from './queries';

const taskSchema = z.object({
  title: z.string().trim().min(1, 'tasks.errors.titleRequired').max(300, 'records.errors.max300'),
  dueOn: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'tasks.errors.dueRequired'),
  assignedTo: z.string().trim().max(200, 'records.errors.max200'),
  referralId: z.string(),
});
type TaskValues = z.infer<typeof taskSchema>;

const valuesOf = (task: TaskDto | null, assignee: string): TaskValues => ({
  title: task?.title ?? '',
  dueOn: task?.dueOn ?? todayIso(),
  assignedTo: task?.assignedTo ?? assignee,
  referralId: task?.referralId ?? '',
});

interface TaskFormProps {
  caseId: string;
  task: TaskDto | null;
  referrals: readonly ReferralDto[];
  defaultAssignee: string;
  onDone: () => void;
}

export function TaskForm({ caseId, task, referrals, defaultAssignee, onDone }: TaskFormProps) {
  const { t } = useTranslation();
  const [base, setBase] = useState(task);
  const [error, setError] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState<{ message: string; fields: ConflictField[]; current: TaskDto } | null>(null);
  const create = useCreateTask(caseId);
  const update = useUpdateTask(caseId);
  const fieldError = useFieldError();
  const guard = useGuard();
  const form = useForm<TaskValues>({ resolver: zodResolver(taskSchema), defaultValues: valuesOf(task, defaultAssignee) });
  useUnsavedChanges(form.formState.isDirty);
  const errors = form.formState.errors;
  const referralName = (id: unknown) => referrals.find((r) => r.id === id)?.recipientOrg ?? '';
  const labels = { title: t('tasks.fields.title'), dueOn: t('tasks.fields.dueOn'), assignedTo: t('tasks.fields.assignedTo'), referralId: t('tasks.fields.referral') };

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const fields = { ...values, referralId: values.referralId === '' ? null : values.referralId };
    try {
      if (base) await update.mutateAsync({ id: base.id, version: base.version, patch: fields });
      else await create.mutateAsync({ caseId, task: fields });
      form.reset(values);
      onDone();
    } catch (caught) {
      const appError = asAppError(caught);
      if (appError.code !== 'CONFLICT' || !base) return setError(appError);
      const current = (await invoke('tasks:list', { caseId })).find((x) => x.id === base.id);
      if (!current) return setError(appError);
      setConflict({
        message: appError.message,
        current,
        fields: conflictFields(values, valuesOf(current, ''), labels, (value, field) =>
          field === 'referralId' ? referralName(value) : field === 'dueOn' ? formatDay(String(value)) : String(value ?? ''),
        ),
      });
    }
  });

  const label = base ? t('tasks.editTitle') : t('tasks.newTitle');
  return (
    <form className="stack stack--md task-form" noValidate onSubmit={onSubmit} aria-label={label}>
      {conflict ? (
        <ConflictNotice
          message={conflict.message}
          fields={conflict.fields}
          onUseCurrent={() => {
            setBase(conflict.current);
            form.reset(valuesOf(conflict.current, ''));
            setConflict(null);
          }}
        />
      ) : null}
      <div className="rec-form-grid">
        <TextField label={labels.title} dir="auto" autoComplete="off" error={fieldError(errors.title?.message)} {...form.register('title')} />
        <TextField label={labels.dueOn} type="date" error={fieldError(errors.dueOn?.message)} {...form.register('dueOn')} />
        <TextField label={labels.assignedTo} dir="auto" autoComplete="off" error={fieldError(errors.assignedTo?.message)} {...form.register('assignedTo')} />
        <Select
          label={labels.referralId}
          options={[{ value: '', label: t('tasks.noReferral') }, ...referrals.map((r) => ({ value: r.id, label: `${r.recipientOrg} (${t(`recipientTypes.${r.recipientType}`)})` }))]}
          {...form.register('referralId')}
        />
      </div>
      <ErrorAlert error={error} />
      <div className="form-actions form-actions--start">
        <Button type="submit" variant="primary" pending={create.isPending || update.isPending}>
          {base ? t('records.save') : t('tasks.add')}
        </Button>
        <Button variant="ghost" onClick={() => guard(onDone)}>
          {t('common.cancel')}
        </Button>
      </div>
    </form>
  );
}
