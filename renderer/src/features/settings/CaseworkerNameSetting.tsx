import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { useFieldError } from '../../lib/use-field-error';
import { useUpdateSettings } from './queries';

const nameSchema = z.object({ caseworkerName: z.string().trim().max(200, 'settings.caseworker.tooLong') });
type NameValues = z.infer<typeof nameSchema>;

export function CaseworkerNameSetting({ name }: { name: string }) {
  const { t } = useTranslation();
  const update = useUpdateSettings();
  const fieldError = useFieldError();
  const form = useForm<NameValues>({ resolver: zodResolver(nameSchema), defaultValues: { caseworkerName: name } });

  const onSubmit = form.handleSubmit(({ caseworkerName }) => {
    update.mutate({ caseworkerName }, { onSuccess: (saved) => form.reset({ caseworkerName: saved.caseworkerName }) });
  });

  return (
    <Card title={t('settings.caseworker.title')} description={t('settings.caseworker.description')}>
      <form className="stack stack--md" noValidate onSubmit={onSubmit}>
        <TextField
          className="field--medium"
          label={t('settings.caseworker.label')}
          autoComplete="off"
          error={fieldError(form.formState.errors.caseworkerName?.message)}
          {...form.register('caseworkerName', { onChange: () => update.reset() })}
        />
        <div className="live-slot" role="status">{update.isSuccess ? <Alert tone="success">{t('settings.caseworker.saved')}</Alert> : null}</div>
        <ErrorAlert error={update.isError ? asAppError(update.error) : null} />
        <div className="form-actions form-actions--start">
          <Button type="submit" pending={update.isPending}>
            {t('settings.caseworker.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
