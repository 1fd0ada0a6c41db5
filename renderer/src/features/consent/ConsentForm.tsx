import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CONSENT_IDENTITY_SCOPES, CONSENT_OBTAINED, RECIPIENT_TYPES } from '../../../../shared/domain/enums';
import type { CaseDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { useGuard, useUnsavedChanges } from '../../lib/unsaved-changes';
import { useFieldError } from '../../lib/use-field-error';
import { TextArea } from '../../components/TextArea';
import { todayIso } from '../history/record-format';
import { useRecordConsent } from './queries';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'records.errors.day');
const consentSchema = z
  .object({
    recipientType: z.enum(RECIPIENT_TYPES),
    recipientOrg: z.string().trim().max(200, 'records.errors.max200'),
    purpose: z.string().trim().min(1, 'consent.errors.purposeRequired').max(1000, 'records.errors.max1000'),
    scopeIdentity: z.enum(CONSENT_IDENTITY_SCOPES),
    scopeEvidence: z.boolean(),
    obtainedHow: z.enum(CONSENT_OBTAINED),
    givenOn: day,
    expiresOn: z.union([z.literal(''), day]),
  })
  .refine((v) => v.expiresOn === '' || v.expiresOn >= v.givenOn, { path: ['expiresOn'], message: 'consent.errors.expiryBeforeGiven' });
type ConsentValues = z.infer<typeof consentSchema>;

const defaults = (): ConsentValues => ({
  recipientType: 'police',
  recipientOrg: '',
  purpose: '',
  scopeIdentity: 'pseudonymised',
  scopeEvidence: false,
  obtainedHow: 'written',
  givenOn: todayIso(),
  expiresOn: '',
});

export function ConsentForm({ caseFile, onDone }: { caseFile: CaseDto; onDone: () => void }) {
  const { t } = useTranslation();
  const record = useRecordConsent(caseFile.id);
  const fieldError = useFieldError();
  const form = useForm<ConsentValues>({ resolver: zodResolver(consentSchema), defaultValues: defaults() });
  useUnsavedChanges(form.formState.isDirty);
  const guard = useGuard();
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit((values) => {
    record.mutate(
      { caseId: caseFile.id, consent: { ...values, expiresOn: values.expiresOn === '' ? null : values.expiresOn } },
      {
        onSuccess: () => {
          form.reset(defaults());
          onDone();
        },
      },
    );
  });

  return (
    <Card title={t('consent.newTitle')} level={3}>
      <form className="stack stack--md" noValidate onSubmit={onSubmit} aria-label={t('consent.newTitle')}>
        <div className="rec-form-grid">
          <Select
            label={t('consent.fields.recipientType')}
            options={RECIPIENT_TYPES.map((type) => ({ value: type, label: t(`recipientTypes.${type}`) }))}
            {...form.register('recipientType')}
          />
          <TextField
            label={t('consent.fields.recipientOrg')}
            description={t('consent.fields.recipientOrgHint')}
            dir="auto"
            autoComplete="off"
            error={fieldError(errors.recipientOrg?.message)}
            {...form.register('recipientOrg')}
          />
        </div>
        <TextArea label={t('consent.fields.purpose')} rows={2} error={fieldError(errors.purpose?.message)} {...form.register('purpose')} />
        <fieldset className="check-group">
          <legend className="field__label">{t('consent.fields.scopeIdentity')}</legend>
          <div className="radio-row">
            {CONSENT_IDENTITY_SCOPES.map((scope) => (
              <label key={scope} className="check-group__item">
                <input type="radio" value={scope} {...form.register('scopeIdentity')} />
                <span>{t(`consent.identity.${scope}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <Checkbox label={t('consent.fields.scopeEvidence')} description={t('consent.fields.scopeEvidenceHint')} {...form.register('scopeEvidence')} />
        <div className="rec-form-grid">
          <Select
            label={t('consent.fields.obtainedHow')}
            options={CONSENT_OBTAINED.map((how) => ({ value: how, label: t(`consent.obtained.${how}`) }))}
            {...form.register('obtainedHow')}
          />
          <TextField label={t('consent.fields.givenOn')} type="date" error={fieldError(errors.givenOn?.message)} {...form.register('givenOn')} />
          <TextField
            label={t('consent.fields.expiresOn')}
            description={t('consent.fields.expiresOnHint')}
            type="date"
            error={fieldError(errors.expiresOn?.message)}
            {...form.register('expiresOn')}
          />
        </div>
        <ErrorAlert error={record.isError ? asAppError(record.error) : null} />
        <div className="form-actions form-actions--start">
          <Button type="submit" variant="primary" pending={record.isPending}>
            {t('consent.record')}
          </Button>
          <Button variant="ghost" onClick={() => guard(onDone)}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
