import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { DATE_PRECISIONS, THREAT_CHANNELS, VERIFICATIONS, type ContactRole } from '../../../../shared/domain/enums';
import type { CaseDto, ContactDto, EvidenceDto, ThreatDto } from '../../../../shared/domain/records';
import { AppError } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { ConflictNotice } from '../../components/ConflictNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { useFieldError } from '../../lib/use-field-error';
import { differingFields, type ConflictState } from '../cases/conflict';
import { TacticSelect } from '../cases/TacticSelect';
import { TextArea } from '../../components/TextArea';
import { CheckboxGroup } from './CheckboxGroup';
import { useCreateThreat, useFetchThreats, useUpdateThreat } from './queries';
import { threatConflictRows, threatFormSchema, threatFormValues, toThreatFields, type ThreatFormValues } from './threat-form';

const LIKELY_PERPETRATORS: readonly ContactRole[] = ['perpetrator', 'official', 'informant'];

interface ThreatFormProps {
  caseFile: CaseDto;
  threat: ThreatDto | null;
  contacts: ContactDto[];
  evidence: EvidenceDto[];
  onDone: () => void;
}

export function ThreatForm({ caseFile, threat, contacts, evidence, onDone }: ThreatFormProps) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const create = useCreateThreat();
  const update = useUpdateThreat();
  const fetchThreats = useFetchThreats();
  const [base, setBase] = useState(threat);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const form = useForm<ThreatFormValues>({ resolver: zodResolver(threatFormSchema), defaultValues: threatFormValues(threat) });
  const { register, control, formState, watch } = form;
  const errors = formState.errors;
  useUnsavedChanges(formState.isDirty);
  const mutation = base ? update : create;

  const roleOf = (contact: ContactDto) => contact.links.find((link) => link.caseId === caseFile.id)?.role;
  const personLabel = (contact: ContactDto) => {
    const role = roleOf(contact);
    return role ? t('threats.personWithRole', { name: contact.name, role: t(`enums.role.${role}`) }) : contact.name;
  };
  const perpetratorOptions = [...contacts]
    .sort((a, b) => Number(LIKELY_PERPETRATORS.includes(roleOf(b)!)) - Number(LIKELY_PERPETRATORS.includes(roleOf(a)!)))
    .map((contact) => ({ value: contact.id, label: <span dir="auto">{personLabel(contact)}</span> }));

  const onSubmit = form.handleSubmit((values) => {
    const fields = toThreatFields(values);
    setConflict(null);
    const done = {
      onSuccess: () => {
        form.reset(values);
        onDone();
      },
    };
    if (!base) {
      create.mutate({ caseId: caseFile.id, threat: fields }, done);
      return;
    }
    update.mutate(
      { id: base.id, version: base.version, patch: fields },
      {
        ...done,
        onError: async (error) => {
          if (!(error instanceof AppError) || error.code !== 'CONFLICT') return;
          const current = (await fetchThreats(caseFile.id)).find((item) => item.id === base.id);
          if (!current) return;
          setConflict({ message: error.message, fields: differingFields(threatConflictRows(t, fields, current, contacts, caseFile.client.legalName)) });
        },
      },
    );
  });

  const continueFromCurrent = async () => {
    if (!base) return;
    const current = (await fetchThreats(caseFile.id)).find((item) => item.id === base.id);
    if (current) {
      setBase(current);
      form.reset(threatFormValues(current));
    }
    setConflict(null);
    update.reset();
  };

  const precision = watch('datePrecision');
  const otherTactic = watch('tacticId') === 'other.other';
  const otherError = mutation.isError && !(mutation.error instanceof AppError && mutation.error.code === 'CONFLICT') ? asAppError(mutation.error) : null;

  return (
    <form className="stack stack--md threat-form" noValidate onSubmit={onSubmit} aria-label={base ? t('threats.editTitle') : t('threats.addTitle')}>
      <h3 className="threat-form__title">{base ? t('threats.editTitle') : t('threats.addTitle')}</h3>
      <TacticSelect label={t('threats.fields.tactic')} emptyLabel={t('threats.chooseTactic')} error={fieldError(errors.tacticId?.message)} {...register('tacticId')} />
      {otherTactic ? (
        <TextField label={t('threats.fields.tacticOther')} dir="auto" autoComplete="off" aria-required="true" error={fieldError(errors.tacticOther?.message)} {...register('tacticOther')} />
      ) : null}

      <fieldset className="field date-precision">
        <legend className="field__label">{t('threats.fields.date')}</legend>
        <div className="form-grid">
          <Select label={t('threats.fields.datePrecision')} options={DATE_PRECISIONS.map((value) => ({ value, label: t(`enums.precision.${value}`) }))} {...register('datePrecision')} />
          {precision === 'exact' ? <TextField label={t('threats.fields.day')} type="date" error={fieldError(errors.day?.message)} {...register('day')} /> : null}
          {precision === 'month' ? (
            <TextField label={t('threats.fields.month')} type="month" placeholder="2025-03" error={fieldError(errors.month?.message)} {...register('month')} />
          ) : null}
          {precision === 'year' || precision === 'approximate' ? (
            <TextField
              label={precision === 'approximate' ? t('threats.fields.approximateYear') : t('threats.fields.year')}
              inputMode="numeric"
              maxLength={4}
              autoComplete="off"
              error={fieldError(errors.year?.message)}
              {...register('year')}
            />
          ) : null}
          {precision === 'range' ? (
            <>
              <TextField label={t('threats.fields.rangeFrom')} type="date" error={fieldError(errors.rangeFrom?.message)} {...register('rangeFrom')} />
              <TextField label={t('threats.fields.rangeTo')} type="date" error={fieldError(errors.rangeTo?.message)} {...register('rangeTo')} />
            </>
          ) : null}
        </div>
      </fieldset>

      <div className="form-grid">
        <TextField label={t('threats.fields.country')} dir="auto" autoComplete="off" error={fieldError(errors.country?.message)} {...register('country')} />
        <TextField label={t('threats.fields.city')} dir="auto" autoComplete="off" error={fieldError(errors.city?.message)} {...register('city')} />
        <Select label={t('threats.fields.channel')} options={THREAT_CHANNELS.map((value) => ({ value, label: t(`enums.channel.${value}`) }))} {...register('channel')} />
        <Select
          label={t('threats.fields.target')}
          options={[
            { value: 'client', label: t('threats.targetClient', { name: caseFile.client.legalName }) },
            ...contacts.map((contact) => ({ value: contact.id, label: personLabel(contact) })),
          ]}
          {...register('target')}
        />
        <Select
          label={t('threats.fields.severity')}
          options={(['1', '2', '3', '4', '5'] as const).map((value) => ({ value, label: t(`threats.severity.${value}`) }))}
          {...register('severity')}
        />
        <Select label={t('threats.fields.verification')} options={VERIFICATIONS.map((value) => ({ value, label: t(`enums.verification.${value}`) }))} {...register('verification')} />
      </div>

      <Controller
        control={control}
        name="perpetratorIds"
        render={({ field }) => (
          <CheckboxGroup legend={t('threats.fields.perpetrators')} options={perpetratorOptions} value={field.value} onChange={field.onChange} empty={t('threats.noContacts')} />
        )}
      />
      <Controller
        control={control}
        name="evidenceIds"
        render={({ field }) => (
          <CheckboxGroup
            legend={t('threats.fields.evidence')}
            options={evidence.map((item) => ({ value: item.id, label: <span dir="auto">{item.fileName}</span>, description: item.description || undefined }))}
            value={field.value}
            onChange={field.onChange}
            empty={t('threats.noEvidence')}
          />
        )}
      />
      <TextArea label={t('threats.fields.description')} rows={4} error={fieldError(errors.description?.message)} {...register('description')} />

      {conflict ? <ConflictNotice message={conflict.message} fields={conflict.fields} onUseCurrent={() => void continueFromCurrent()} /> : null}
      <ErrorAlert error={otherError} />
      <div className="form-actions">
        <Button
          onClick={() => {
            form.reset();
            onDone();
          }}
        >
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" pending={mutation.isPending}>
          {base ? t('threats.save') : t('threats.add')}
        </Button>
      </div>
    </form>
  );
}
