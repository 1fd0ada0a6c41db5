import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CASE_STATUSES, PRIORITIES, RISK_LEVELS } from '../../../../shared/domain/enums';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useGuard, useUnsavedChanges } from '../../lib/unsaved-changes';
import { useFieldError } from '../../lib/use-field-error';
import { CaseStatusInputs } from './CaseFieldsInputs';
import { ClientFieldsInputs } from './ClientFieldsInputs';
import { clientFormSchema, clientFormValues, toClientFields, type ClientFormValues } from './client-form';
import { useCreateCase } from './queries';
import { TextArea } from '../../components/TextArea';

const intakeSchema = clientFormSchema.extend({
  status: z.enum(CASE_STATUSES),
  priority: z.enum(PRIORITIES),
  riskLevel: z.enum(RISK_LEVELS),
  assignedTo: z.string().trim().max(200, 'recordForms.tooLong'),
  summary: z.string().max(20_000, 'recordForms.tooLong'),
});
type IntakeValues = z.infer<typeof intakeSchema>;

/** Intake: a new case and its client. Opens the case once saved. */
export function IntakePage({ onCancel, onCreated }: { onCancel: () => void; onCreated: (caseId: string) => void }) {
  const { t } = useTranslation();
  const guard = useGuard();
  const fieldError = useFieldError();
  const create = useCreateCase();
  const form = useForm<IntakeValues>({
    resolver: zodResolver(intakeSchema),
    defaultValues: { ...clientFormValues(null), status: 'intake', priority: 'normal', riskLevel: 'medium', assignedTo: '', summary: '' },
  });
  useUnsavedChanges(form.formState.isDirty && !create.isSuccess);

  const onSubmit = form.handleSubmit((values) => {
    const { status, priority, riskLevel, assignedTo, summary, ...client } = values;
    create.mutate(
      {
        client: toClientFields(client),
        case: { status, priority, riskLevel, summary, ...(assignedTo.trim() ? { assignedTo: assignedTo.trim() } : {}) },
      },
      {
        onSuccess: (saved) => {
          form.reset(values);
          onCreated(saved.id);
        },
      },
    );
  });

  return (
    <div className="page">
      <div>
        <Button variant="link" className="back-link" onClick={() => guard(onCancel)}>
          {t('casePage.backToCases')}
        </Button>
      </div>
      <header className="page__header">
        <h1 className="page__title">{t('caseIntake.title')}</h1>
        <p className="page__lead">{t('caseIntake.lead')}</p>
      </header>
      <form className="stack stack--lg" noValidate onSubmit={onSubmit} aria-label={t('caseIntake.title')}>
        <Card title={t('caseIntake.clientTitle')} description={t('caseIntake.clientDescription')}>
          <ClientFieldsInputs form={form as unknown as UseFormReturn<ClientFormValues>} />
        </Card>
        <Card title={t('caseIntake.caseTitle')}>
          <div className="stack stack--md">
            <CaseStatusInputs register={form.register} errors={form.formState.errors} />
            <TextArea label={t('caseFields.summary')} rows={4} error={fieldError(form.formState.errors.summary?.message)} {...form.register('summary')} />
          </div>
        </Card>
        <ErrorAlert error={create.isError ? asAppError(create.error) : null} />
        <div className="form-actions">
          <Button variant="secondary" onClick={() => guard(onCancel)}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" pending={create.isPending}>
            {t('caseIntake.submit')}
          </Button>
        </div>
      </form>
    </div>
  );
}
