import { zodResolver } from '@hookform/resolvers/zod';
import { useId } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { CONSENT_IDENTITY_SCOPES, CONSENT_OBTAINED, RECIPIENT_TYPES, type RecipientType } from '../../../../shared/domain/enums';
import type { ConsentDto } from '../../../../shared/domain/records';
import { isPurposeOf } from '../../../../shared/purposes';
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
import { purposeOptions } from './purpose-labels';
import { useRecordConsent } from './queries';

const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'records.errors.day');
const consentSchema = z
  .object({
    recipientType: z.enum(RECIPIENT_TYPES),
    recipientOrg: z.string().trim().max(200, 'records.errors.max200'),
    purposeIds: z.array(z.string()),
    purposeDetail: z.string().trim().max(1000, 'records.errors.max1000'),
    scopeIdentity: z.enum(CONSENT_IDENTITY_SCOPES),
    scopeEvidence: z.boolean(),
    obtainedHow: z.enum(CONSENT_OBTAINED),
    givenOn: day,
    expiresOn: z.union([z.literal(''), day]),
  })
  .refine((v) => v.expiresOn === '' || v.expiresOn >= v.givenOn, { path: ['expiresOn'], message: 'consent.errors.expiryBeforeGiven' })
  // Ticks left over from another recipient type do not count.
  .refine((v) => v.purposeIds.some((id) => isPurposeOf(v.recipientType, id)), { path: ['purposeIds'], message: 'consent.errors.purposeRequired' });
type ConsentValues = z.infer<typeof consentSchema>;

/** What "Record consent for this referral" fills in: the referral's recipient and purpose. */
export interface ConsentPrefill {
  recipientType: RecipientType;
  recipientOrg: string;
  purposeId: string;
}

const defaults = (prefill?: ConsentPrefill): ConsentValues => ({
  recipientType: prefill?.recipientType ?? 'police',
  recipientOrg: prefill?.recipientOrg ?? '',
  purposeIds: prefill ? [prefill.purposeId] : [],
  purposeDetail: '',
  scopeIdentity: 'pseudonymised',
  scopeEvidence: false,
  obtainedHow: 'written',
  givenOn: todayIso(),
  expiresOn: '',
});

interface ConsentFormProps {
  caseId: string;
  /** Called after saving (with the new consent) and on cancel (without). */
  onDone: (saved?: ConsentDto) => void;
  /** Recorded from a referral: filled in from it, and the referral is linked to the new consent. */
  forReferral?: { id: string; prefill: ConsentPrefill };
}

export function ConsentForm({ caseId, onDone, forReferral }: ConsentFormProps) {
  const { t } = useTranslation();
  const record = useRecordConsent(caseId);
  const fieldError = useFieldError();
  const prefill = forReferral?.prefill;
  const form = useForm<ConsentValues>({ resolver: zodResolver(consentSchema), defaultValues: defaults(prefill) });
  useUnsavedChanges(form.formState.isDirty);
  const guard = useGuard();
  const errors = form.formState.errors;
  const recipientType = form.watch('recipientType');
  const purposesErrorId = useId();
  const title = forReferral ? t('consent.forReferralTitle') : t('consent.newTitle');

  const onSubmit = form.handleSubmit((values) => {
    const purposeIds = values.purposeIds.filter((id) => isPurposeOf(values.recipientType, id));
    record.mutate(
      {
        caseId,
        consent: { ...values, purposeIds, expiresOn: values.expiresOn === '' ? null : values.expiresOn },
        ...(forReferral ? { referralId: forReferral.id } : {}),
      },
      {
        onSuccess: (saved) => {
          form.reset(defaults(prefill));
          onDone(saved);
        },
      },
    );
  });

  return (
    <Card title={title} level={3}>
      <form className="stack stack--md" noValidate onSubmit={onSubmit} aria-label={title}>
        {forReferral ? <p className="muted small">{t('consent.forReferralHint')}</p> : null}
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
        <Controller
          control={form.control}
          name="purposeIds"
          render={({ field }) => {
            const shown = field.value.filter((id) => isPurposeOf(recipientType, id));
            return (
              <fieldset className="check-group" aria-describedby={errors.purposeIds ? purposesErrorId : undefined}>
                <legend className="field__label">{t('consent.fields.purposes')}</legend>
                <p className="field__description">{t('consent.fields.purposesHint')}</p>
                <ul className="check-group__list">
                  {purposeOptions(t, recipientType).map((option) => (
                    <li key={option.value}>
                      <label className="check-group__item">
                        <input
                          type="checkbox"
                          checked={shown.includes(option.value)}
                          onChange={(event) => field.onChange(event.target.checked ? [...shown, option.value] : shown.filter((id) => id !== option.value))}
                        />
                        <span>{option.label}</span>
                      </label>
                    </li>
                  ))}
                </ul>
                {errors.purposeIds ? (
                  <p className="field__error" id={purposesErrorId}>
                    <span className="field__error-icon" aria-hidden="true">!</span>
                    {fieldError(errors.purposeIds.message)}
                  </p>
                ) : null}
              </fieldset>
            );
          }}
        />
        <TextArea
          label={t('consent.fields.purposeDetail')}
          description={t('consent.fields.purposeDetailHint')}
          rows={2}
          error={fieldError(errors.purposeDetail?.message)}
          {...form.register('purposeDetail')}
        />
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
          <Button variant="ghost" onClick={() => guard(() => onDone())}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
