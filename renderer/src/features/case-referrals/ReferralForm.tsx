import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { RECIPIENT_TYPES } from '../../../../shared/domain/enums';
import { isPurposeOf, PURPOSES } from '../../../../shared/purposes';
import type { CaseDto, ReferralDto } from '../../../../shared/domain/records';
import type { AppError } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConflictNotice, type ConflictField } from '../../components/ConflictNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { asAppError, invoke } from '../../lib/api';
import { useGuard, useUnsavedChanges } from '../../lib/unsaved-changes';
import { useFieldError } from '../../lib/use-field-error';
import { TextArea } from '../../components/TextArea';
import { conflictFields, formatDay } from '../history/record-format';
import { ConsentForm } from '../consent/ConsentForm';
import { purposeName, purposeOptions } from '../consent/purpose-labels';
import { useCreateReferral, useUpdateReferral } from './queries';
import { ThreatPicker, useCaseThreats, useThreatLabel } from './threat-options';

const referralSchema = z.object({
  recipientType: z.enum(RECIPIENT_TYPES),
  recipientOrg: z.string().trim().min(1, 'referrals.errors.orgRequired').max(200, 'records.errors.max200'),
  purposeId: z.string().min(1),
  purposeDetail: z.string().trim().max(1000, 'records.errors.max1000'),
  threatIds: z.array(z.string()),
  referenceNumber: z.string().trim().max(120, 'records.errors.max120'),
  followUpOn: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'records.errors.day')]),
});
type ReferralValues = z.infer<typeof referralSchema>;

function valuesOf(referral: ReferralDto | null): ReferralValues {
  return {
    recipientType: referral?.recipientType ?? 'police',
    recipientOrg: referral?.recipientOrg ?? '',
    purposeId: referral?.purposeId ?? PURPOSES.generalFor('police').id,
    purposeDetail: referral?.purposeDetail ?? '',
    threatIds: referral ? [...referral.threatIds] : [],
    referenceNumber: referral?.referenceNumber ?? '',
    followUpOn: referral?.followUpOn ?? '',
  };
}

/** Create a referral, or edit one (`referral` given). Status moves happen in the status control. */
export function ReferralForm({ caseFile, referral, onDone }: { caseFile: CaseDto; referral: ReferralDto | null; onDone: () => void }) {
  const { t } = useTranslation();
  const [base, setBase] = useState(referral);
  const [error, setError] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState<{ message: string; fields: ConflictField[]; current: ReferralDto } | null>(null);
  const threats = useCaseThreats(caseFile.id);
  const threatLabel = useThreatLabel();
  const create = useCreateReferral(caseFile.id);
  const update = useUpdateReferral(caseFile.id);
  const fieldError = useFieldError();
  const form = useForm<ReferralValues>({ resolver: zodResolver(referralSchema), defaultValues: valuesOf(referral) });
  useUnsavedChanges(form.formState.isDirty);
  const guard = useGuard();
  const errors = form.formState.errors;
  const [recordingConsent, setRecordingConsent] = useState(false);
  const consentHintId = useId();
  const recipientType = form.watch('recipientType');
  // Purposes belong to a recipient type: a new type starts from its general purpose.
  useEffect(() => {
    if (!isPurposeOf(recipientType, form.getValues('purposeId'))) form.setValue('purposeId', PURPOSES.generalFor(recipientType).id, { shouldDirty: true });
  }, [recipientType, form]);

  const labels = {
    recipientType: t('referrals.fields.recipientType'),
    recipientOrg: t('referrals.fields.recipientOrg'),
    purposeId: t('referrals.fields.purpose'),
    purposeDetail: t('referrals.fields.purposeDetail'),
    threatIds: t('referrals.fields.threats'),
    referenceNumber: t('referrals.fields.referenceNumber'),
    followUpOn: t('referrals.fields.followUpOn'),
  };
  const show = (value: unknown, field: keyof ReferralValues): string => {
    if (field === 'recipientType') return t(`recipientTypes.${String(value)}`);
    if (field === 'purposeId') return purposeName(t, String(value));
    if (field === 'threatIds') return (threats.data ?? []).filter((th) => (value as string[]).includes(th.id)).map(threatLabel).join('; ');
    if (field === 'followUpOn') return formatDay(value as string);
    return String(value ?? '');
  };

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    const fields = { ...values, followUpOn: values.followUpOn === '' ? null : values.followUpOn };
    try {
      if (base) await update.mutateAsync({ id: base.id, version: base.version, patch: fields });
      else await create.mutateAsync({ caseId: caseFile.id, referral: fields });
      form.reset(values);
      onDone();
    } catch (caught) {
      const appError = asAppError(caught);
      if (appError.code !== 'CONFLICT' || !base) return setError(appError);
      const current = (await invoke('referrals:list', { caseId: caseFile.id, limit: 500 })).items.find((item) => item.id === base.id);
      if (!current) return setError(appError);
      const sortIds = (v: ReferralValues) => ({ ...v, threatIds: [...v.threatIds].sort() });
      setConflict({ message: appError.message, current, fields: conflictFields(sortIds(values), sortIds(valuesOf(current)), labels, show) });
    }
  });

  return (
    <Card title={base ? t('referrals.editTitle') : t('referrals.newTitle')} level={3}>
      <form className="stack stack--md" noValidate onSubmit={onSubmit} aria-label={base ? t('referrals.editTitle') : t('referrals.newTitle')}>
        {conflict ? (
          <ConflictNotice
            message={conflict.message}
            fields={conflict.fields}
            onUseCurrent={() => {
              setBase(conflict.current);
              form.reset(valuesOf(conflict.current));
              setConflict(null);
            }}
          />
        ) : null}
        <div className="rec-form-grid">
          <Select
            label={labels.recipientType}
            options={RECIPIENT_TYPES.map((type) => ({ value: type, label: t(`recipientTypes.${type}`) }))}
            {...form.register('recipientType')}
          />
          <TextField label={labels.recipientOrg} dir="auto" autoComplete="off" error={fieldError(errors.recipientOrg?.message)} {...form.register('recipientOrg')} />
          <TextField label={labels.referenceNumber} description={t('referrals.fields.referenceNumberHint')} autoComplete="off" dir="auto" error={fieldError(errors.referenceNumber?.message)} {...form.register('referenceNumber')} />
          <TextField label={labels.followUpOn} type="date" error={fieldError(errors.followUpOn?.message)} {...form.register('followUpOn')} />
        </div>
        <Select label={labels.purposeId} description={t('referrals.fields.purposeHint')} options={purposeOptions(t, recipientType)} {...form.register('purposeId')} />
        <TextArea
          label={labels.purposeDetail}
          description={t('referrals.fields.purposeDetailHint')}
          rows={2}
          error={fieldError(errors.purposeDetail?.message)}
          {...form.register('purposeDetail')}
        />
        <Controller
          control={form.control}
          name="threatIds"
          render={({ field }) => (
            <ThreatPicker legend={labels.threatIds} description={t('referrals.fields.threatsHint')} threats={threats.data} value={field.value} onChange={field.onChange} />
          )}
        />
        <ErrorAlert error={error} />
        <div className="form-actions form-actions--start">
          <Button type="submit" variant="primary" pending={create.isPending || update.isPending}>
            {base ? t('records.save') : t('referrals.create')}
          </Button>
          <Button variant="ghost" onClick={() => guard(onDone)}>
            {t('common.cancel')}
          </Button>
          {base && !recordingConsent ? (
            <Button variant="secondary" onClick={() => setRecordingConsent(true)} aria-describedby={consentHintId}>
              {t('referrals.recordConsent')}
            </Button>
          ) : null}
        </div>
        {base && !recordingConsent ? (
          <p className="muted small" id={consentHintId}>
            {t('referrals.recordConsentHint')}
          </p>
        ) : null}
      </form>
      {base && recordingConsent ? (
        <ConsentForm
          caseId={caseFile.id}
          forReferral={{ id: base.id, prefill: { recipientType: base.recipientType, recipientOrg: base.recipientOrg, purposeId: base.purposeId } }}
          onDone={(saved) => {
            setRecordingConsent(false);
            // The referral's version moved with the link: close rather than edit a stale copy.
            if (saved) onDone();
          }}
        />
      ) : null}
    </Card>
  );
}
