import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/errors';
import type { CaseDto } from '../../../../shared/domain/records';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConflictNotice } from '../../components/ConflictNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { useFieldError } from '../../lib/use-field-error';
import { caseConflictRows, caseFormSchema, caseFormValues, toCaseFields, type CaseFormValues } from './case-form';
import { CaseStatusInputs } from './CaseFieldsInputs';
import { differingFields, type ConflictState } from './conflict';
import { useFetchCurrentCase, useUpdateCase } from './queries';
import { TextArea } from '../../components/TextArea';

/** Status, priority, risk (with a reason when it changes), assignment, dates and summary. */
export function CaseFieldsForm({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const update = useUpdateCase();
  const fetchCurrent = useFetchCurrentCase();
  // The version and risk this form was opened on; a save against an older version is refused.
  const [base, setBase] = useState({ version: caseFile.version, riskLevel: caseFile.riskLevel });
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const schema = useMemo(() => caseFormSchema(base.riskLevel), [base.riskLevel]);
  const form = useForm<CaseFormValues>({ resolver: zodResolver(schema), defaultValues: caseFormValues(caseFile) });
  const { isDirty, errors } = form.formState;
  useUnsavedChanges(isDirty);

  // Changes made elsewhere in this window (archive, restore) arrive while the form is clean: follow them.
  useEffect(() => {
    if (!form.formState.isDirty && caseFile.version !== base.version) {
      form.reset(caseFormValues(caseFile));
      setBase({ version: caseFile.version, riskLevel: caseFile.riskLevel });
    }
  }, [caseFile, base.version, form]);

  const riskChanged = form.watch('riskLevel') !== base.riskLevel;

  const onSubmit = form.handleSubmit((values) => {
    const fields = toCaseFields(values);
    setConflict(null);
    update.mutate(
      { id: caseFile.id, version: base.version, patch: fields, ...(fields.riskLevel !== base.riskLevel ? { riskReason: values.riskReason } : {}) },
      {
        onSuccess: (saved) => {
          form.reset(caseFormValues(saved));
          setBase({ version: saved.version, riskLevel: saved.riskLevel });
        },
        onError: async (error) => {
          if (!(error instanceof AppError) || error.code !== 'CONFLICT') return;
          const current = await fetchCurrent(caseFile.id);
          setConflict({ message: error.message, fields: differingFields(caseConflictRows(t, fields, current)) });
        },
      },
    );
  });

  const continueFromCurrent = async () => {
    const current = await fetchCurrent(caseFile.id);
    form.reset(caseFormValues(current));
    setBase({ version: current.version, riskLevel: current.riskLevel });
    setConflict(null);
    update.reset();
  };

  return (
    <Card title={t('caseOverview.caseTitle')}>
      <form className="stack stack--md" noValidate onSubmit={onSubmit} aria-label={t('caseOverview.caseTitle')}>
        <CaseStatusInputs register={form.register} errors={errors} />
        {riskChanged ? (
          <TextField
            label={t('caseFields.riskReason')}
            description={t('caseOverview.riskReasonHint')}
            dir="auto"
            autoComplete="off"
            aria-required="true"
            error={fieldError(errors.riskReason?.message)}
            {...form.register('riskReason')}
          />
        ) : null}
        <div className="form-grid">
          <TextField label={t('caseFields.openedOn')} type="date" error={fieldError(errors.openedOn?.message)} {...form.register('openedOn')} />
          <TextField label={t('caseFields.closedOn')} type="date" error={fieldError(errors.closedOn?.message)} {...form.register('closedOn')} />
        </div>
        <TextArea label={t('caseFields.summary')} rows={5} error={fieldError(errors.summary?.message)} {...form.register('summary')} />
        {conflict ? <ConflictNotice message={conflict.message} fields={conflict.fields} onUseCurrent={() => void continueFromCurrent()} /> : null}
        {update.isError && !(update.error instanceof AppError && update.error.code === 'CONFLICT') ? <ErrorAlert error={asAppError(update.error)} /> : null}
        <div className="live-slot" role="status">
          {update.isSuccess && !isDirty ? <Alert tone="success">{t('caseOverview.caseSaved')}</Alert> : null}
        </div>
        <div className="form-actions">
          <Button disabled={!isDirty} onClick={() => form.reset(caseFormValues(caseFile))}>
            {t('caseOverview.discard')}
          </Button>
          <Button variant="primary" type="submit" pending={update.isPending}>
            {t('caseOverview.saveCase')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
