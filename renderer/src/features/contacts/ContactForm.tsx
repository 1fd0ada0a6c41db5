import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { CONTACT_KINDS, CONTACT_ROLES, defaultSensitivityForRole, SENSITIVITIES, type ContactRole } from '../../../../shared/domain/enums';
import type { ContactDto } from '../../../../shared/domain/records';
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
import { MultiTextField } from '../cases/MultiTextField';
import { TextArea } from '../../components/TextArea';
import { contactConflictRows, contactFormSchema, contactFormValues, toContactFields, type ContactFormValues } from './contact-form';
import { useCreateContact, useFetchContact, useUpdateContact, useUpdateContactLink } from './queries';

interface ContactFormProps {
  caseId: string;
  /** null: a new contact for this case. */
  contact: ContactDto | null;
  onDone: () => void;
}

export function ContactForm({ caseId, contact, onDone }: ContactFormProps) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const create = useCreateContact();
  const update = useUpdateContact();
  const updateLink = useUpdateContactLink();
  const fetchContact = useFetchContact();
  const [base, setBase] = useState(contact);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const form = useForm<ContactFormValues>({ resolver: zodResolver(contactFormSchema), defaultValues: contactFormValues(contact, caseId) });
  const { register, control, formState, watch, setValue, getFieldState } = form;
  const errors = formState.errors;
  useUnsavedChanges(formState.isDirty);
  const mutation = base ? update : create;
  const sensitivity = watch('sensitivity');

  // A new contact's sensitivity follows its role until the caseworker picks one.
  const roleField = register('role', {
    onChange: (event: { target: { value: string } }) => {
      if (!base && !getFieldState('sensitivity').isDirty) setValue('sensitivity', defaultSensitivityForRole(event.target.value as ContactRole));
    },
  });

  const onSubmit = form.handleSubmit((values) => {
    const fields = toContactFields(values);
    setConflict(null);
    const done = {
      onSuccess: () => {
        form.reset(values);
        onDone();
      },
    };
    if (!base) {
      create.mutate({ caseId, role: values.role, relationship: values.relationship, contact: fields }, done);
      return;
    }
    // The role and relationship belong to this case's link, saved after the contact itself.
    const link = base.links.find((l) => l.caseId === caseId);
    const linkChanged = link !== undefined && (link.role !== values.role || link.relationship !== values.relationship);
    update.mutate(
      { id: base.id, version: base.version, patch: fields },
      {
        onSuccess: async () => {
          if (linkChanged) await updateLink.mutateAsync({ caseId, contactId: base.id, role: values.role, relationship: values.relationship });
          done.onSuccess();
        },
        onError: async (error) => {
          if (!(error instanceof AppError) || error.code !== 'CONFLICT') return;
          const current = await fetchContact(base.id);
          setConflict({ message: error.message, fields: differingFields(contactConflictRows(t, fields, current)) });
        },
      },
    );
  });

  const continueFromCurrent = async () => {
    if (!base) return;
    const current = await fetchContact(base.id);
    setBase(current);
    form.reset(contactFormValues(current, caseId));
    setConflict(null);
    update.reset();
  };

  const otherError =
    mutation.isError && !(mutation.error instanceof AppError && mutation.error.code === 'CONFLICT')
      ? asAppError(mutation.error)
      : updateLink.isError
        ? asAppError(updateLink.error)
        : null;
  const title = base ? t('contacts.editTitle', { name: base.name }) : t('contacts.addTitle');

  return (
    <form className="stack stack--md" noValidate onSubmit={onSubmit} aria-label={title}>
      <h3 className="threat-form__title" dir="auto">
        {title}
      </h3>
      <div className="form-grid">
        <Select label={t('contacts.fields.role')} options={CONTACT_ROLES.map((value) => ({ value, label: t(`enums.role.${value}`) }))} {...roleField} />
        <TextField
          label={t('contacts.fields.relationship')}
          description={t('contacts.relationshipHint')}
          dir="auto"
          autoComplete="off"
          error={fieldError(errors.relationship?.message)}
          {...register('relationship')}
        />
        <TextField label={t('contacts.fields.name')} dir="auto" autoComplete="off" aria-required="true" error={fieldError(errors.name?.message)} {...register('name')} />
        <Select label={t('contacts.fields.kind')} options={CONTACT_KINDS.map((value) => ({ value, label: t(`enums.kind.${value}`) }))} {...register('kind')} />
      </div>
      <div className={`sensitivity-field sensitivity-field--${sensitivity}`}>
        <Select
          label={t('contacts.fields.sensitivity')}
          description={sensitivity === 'never_disclose' ? t('contacts.neverDiscloseHint') : t('contacts.sensitivityHint')}
          options={SENSITIVITIES.map((value) => ({ value, label: t(`enums.sensitivity.${value}`) }))}
          {...register('sensitivity')}
        />
      </div>
      <Controller control={control} name="originalNames" render={({ field }) => <MultiTextField label={t('contacts.fields.originalNames')} values={field.value} onChange={field.onChange} />} />
      <Controller control={control} name="aliases" render={({ field }) => <MultiTextField label={t('contacts.fields.aliases')} values={field.value} onChange={field.onChange} />} />
      <div className="form-grid">
        <TextField label={t('contacts.fields.country')} dir="auto" autoComplete="off" error={fieldError(errors.country?.message)} {...register('country')} />
        <TextField label={t('contacts.fields.city')} dir="auto" autoComplete="off" error={fieldError(errors.city?.message)} {...register('city')} />
      </div>
      <Controller control={control} name="phones" render={({ field }) => <MultiTextField label={t('contacts.fields.phones')} values={field.value} onChange={field.onChange} />} />
      <Controller control={control} name="emails" render={({ field }) => <MultiTextField label={t('contacts.fields.emails')} values={field.value} onChange={field.onChange} />} />
      <Controller
        control={control}
        name="handles"
        render={({ field }) => <MultiTextField label={t('contacts.fields.handles')} description={t('contacts.handlesHint')} values={field.value} onChange={field.onChange} />}
      />
      <TextArea label={t('contacts.fields.address')} rows={2} error={fieldError(errors.address?.message)} {...register('address')} />
      <fieldset className="check-group contact-private">
        <legend className="field__label">{t('contacts.privateTitle')}</legend>
        <p className="field__description">{t('contacts.privateHint')}</p>
        <div className="form-grid">
          <TextField label={t('contacts.fields.dateOfBirth')} type="date" error={fieldError(errors.dateOfBirth?.message)} {...register('dateOfBirth')} />
        </div>
        <Controller
          control={control}
          name="identityDocuments"
          render={({ field }) => (
            <MultiTextField label={t('contacts.fields.identityDocuments')} description={t('contacts.identityDocumentsHint')} values={field.value} onChange={field.onChange} />
          )}
        />
      </fieldset>
      <TextArea label={t('contacts.fields.notes')} rows={3} error={fieldError(errors.notes?.message)} {...register('notes')} />
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
          {base ? t('contacts.save') : t('contacts.add')}
        </Button>
      </div>
    </form>
  );
}
