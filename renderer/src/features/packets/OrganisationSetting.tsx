import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextArea } from '../../components/TextArea';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { useFieldError } from '../../lib/use-field-error';
import { useUpdateSettings } from '../settings/queries';

const organisationSchema = z.object({
  organisationName: z.string().trim().max(200, 'records.errors.max200'),
  organisationContact: z.string().trim().max(500, 'records.errors.max500'),
});
type OrganisationValues = z.infer<typeof organisationSchema>;

/** The referring organisation printed on every packet: who sent it and how to reach them. */
export function OrganisationSetting({ name, contact }: { name: string; contact: string }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateSettings();
  const fieldError = useFieldError();
  const form = useForm<OrganisationValues>({ resolver: zodResolver(organisationSchema), defaultValues: { organisationName: name, organisationContact: contact } });
  const errors = form.formState.errors;

  const onSubmit = form.handleSubmit((values) => {
    update.mutate(values, {
      onSuccess: (saved) => {
        form.reset({ organisationName: saved.organisationName, organisationContact: saved.organisationContact });
        void queryClient.invalidateQueries({ queryKey: ['packets', 'preview'] });
      },
    });
  });

  return (
    <Card title={t('organisation.title')} description={t('organisation.description')}>
      <form className="stack stack--md" noValidate onSubmit={onSubmit} aria-label={t('organisation.title')}>
        {name.trim() === '' && !update.isSuccess ? <Alert tone="warning">{t('organisation.missing')}</Alert> : null}
        <TextField
          className="field--medium"
          label={t('organisation.name')}
          dir="auto"
          error={fieldError(errors.organisationName?.message)}
          {...form.register('organisationName', { onChange: () => update.reset() })}
        />
        <TextArea
          className="field--medium"
          label={t('organisation.contact')}
          description={t('organisation.contactHint')}
          rows={3}
          error={fieldError(errors.organisationContact?.message)}
          {...form.register('organisationContact', { onChange: () => update.reset() })}
        />
        <div className="live-slot" role="status">
          {update.isSuccess ? <Alert tone="success">{t('organisation.saved')}</Alert> : null}
        </div>
        <ErrorAlert error={update.isError ? asAppError(update.error) : null} />
        <div className="form-actions form-actions--start">
          <Button type="submit" pending={update.isPending}>
            {t('organisation.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
