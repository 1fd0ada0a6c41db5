import { Controller, type UseFormReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { IMMIGRATION_STATUSES } from '../../../../shared/domain/enums';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { useFieldError } from '../../lib/use-field-error';
import type { ClientFormValues } from './client-form';
import { MultiTextField } from './MultiTextField';
import { TextArea } from '../../components/TextArea';

/** The client's fields, shared by intake and the Overview's edit form. */
export function ClientFieldsInputs({ form }: { form: UseFormReturn<ClientFormValues> }) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const { register, control, formState } = form;
  const errors = formState.errors;
  return (
    <div className="stack stack--md">
      <TextField label={t('caseClient.fields.legalName')} dir="auto" autoComplete="off" aria-required="true" error={fieldError(errors.legalName?.message)} {...register('legalName')} />
      <Controller
        control={control}
        name="originalNames"
        render={({ field }) => (
          <MultiTextField label={t('caseClient.fields.originalNames')} description={t('caseClient.originalNamesHint')} values={field.value} onChange={field.onChange} />
        )}
      />
      <Controller
        control={control}
        name="aliases"
        render={({ field }) => <MultiTextField label={t('caseClient.fields.aliases')} values={field.value} onChange={field.onChange} />}
      />
      <Controller
        control={control}
        name="identityDocuments"
        render={({ field }) => (
          <MultiTextField label={t('caseClient.fields.identityDocuments')} description={t('caseClient.identityDocumentsHint')} values={field.value} onChange={field.onChange} />
        )}
      />
      <div className="form-grid">
        <TextField label={t('caseClient.fields.dateOfBirth')} type="date" error={fieldError(errors.dateOfBirth?.message)} {...register('dateOfBirth')} />
        <Select
          label={t('caseClient.fields.immigrationStatus')}
          options={IMMIGRATION_STATUSES.map((value) => ({ value, label: t(`enums.immigration.${value}`) }))}
          {...register('immigrationStatus')}
        />
        <TextField label={t('caseClient.fields.nationality')} dir="auto" autoComplete="off" error={fieldError(errors.nationality?.message)} {...register('nationality')} />
        <TextField label={t('caseClient.fields.residenceCountry')} dir="auto" autoComplete="off" error={fieldError(errors.residenceCountry?.message)} {...register('residenceCountry')} />
      </div>
      <Controller
        control={control}
        name="languages"
        render={({ field }) => <MultiTextField label={t('caseClient.fields.languages')} values={field.value} onChange={field.onChange} />}
      />
      <TextArea label={t('caseClient.fields.safeContactMethods')} description={t('caseClient.safeContactMethodsHint')} rows={2} error={fieldError(errors.safeContactMethods?.message)} {...register('safeContactMethods')} />
      <TextField label={t('caseClient.fields.safeContactTimes')} dir="auto" autoComplete="off" error={fieldError(errors.safeContactTimes?.message)} {...register('safeContactTimes')} />
      <fieldset className="sensitive-group">
        <legend className="sensitive-group__legend">
          <span className="badge badge--sensitive">{t('caseClient.sensitive')}</span> {t('caseClient.sensitiveTitle')}
        </legend>
        <p className="field__description">{t('caseClient.sensitiveHint')}</p>
        <TextField label={t('caseClient.fields.ethnicity')} description={t('caseClient.sensitive')} dir="auto" autoComplete="off" error={fieldError(errors.ethnicity?.message)} {...register('ethnicity')} />
        <TextField label={t('caseClient.fields.religion')} description={t('caseClient.sensitive')} dir="auto" autoComplete="off" error={fieldError(errors.religion?.message)} {...register('religion')} />
        <TextArea label={t('caseClient.fields.politicalActivity')} description={t('caseClient.sensitive')} rows={3} error={fieldError(errors.politicalActivity?.message)} {...register('politicalActivity')} />
      </fieldset>
    </div>
  );
}
