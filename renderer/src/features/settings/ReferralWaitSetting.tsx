import { zodResolver } from '@hookform/resolvers/zod';
import { useQueryClient } from '@tanstack/react-query';
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
import { dashboardKey } from '../dashboard/queries';
import { useUpdateSettings } from './queries';

const waitSchema = z.object({
  referralWaitDays: z.coerce.number({ error: 'referralWait.invalid' }).int('referralWait.invalid').min(1, 'referralWait.invalid').max(365, 'referralWait.invalid'),
});
type WaitInput = z.input<typeof waitSchema>;
type WaitValues = z.output<typeof waitSchema>;

/** After how many days a sent, unacknowledged referral shows on the dashboard as waiting. */
export function ReferralWaitSetting({ days }: { days: number }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const update = useUpdateSettings();
  const fieldError = useFieldError();
  const form = useForm<WaitInput, unknown, WaitValues>({ resolver: zodResolver(waitSchema), defaultValues: { referralWaitDays: days } });

  const onSubmit = form.handleSubmit(({ referralWaitDays }) => {
    update.mutate(
      { referralWaitDays },
      {
        onSuccess: (saved) => {
          form.reset({ referralWaitDays: saved.referralWaitDays });
          void queryClient.invalidateQueries({ queryKey: dashboardKey });
        },
      },
    );
  });

  return (
    <Card title={t('referralWait.title')} description={t('referralWait.description')}>
      <form className="stack stack--md" noValidate onSubmit={onSubmit}>
        <TextField
          className="field--narrow"
          type="number"
          inputMode="numeric"
          min={1}
          max={365}
          step={1}
          label={t('referralWait.label')}
          error={fieldError(form.formState.errors.referralWaitDays?.message)}
          {...form.register('referralWaitDays', { onChange: () => update.reset() })}
        />
        <div className="live-slot" role="status">
          {update.isSuccess ? <Alert tone="success">{t('referralWait.saved', { count: update.data.referralWaitDays })}</Alert> : null}
        </div>
        <ErrorAlert error={update.isError ? asAppError(update.error) : null} />
        <div className="form-actions form-actions--start">
          <Button type="submit" pending={update.isPending}>
            {t('referralWait.save')}
          </Button>
        </div>
      </form>
    </Card>
  );
}
