import { zodResolver } from '@hookform/resolvers/zod';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/TextField';
import { useFieldError } from '../../lib/use-field-error';
import { checkNewPassphrase, newPassphraseFields } from '../vault/passphrase-schema';
import { NewPassphraseFields } from '../vault/NewPassphraseFields';
import { useChangePassphrase } from './queries';

const changeSchema = z
  .object({ currentPassphrase: z.string().min(1, 'settings.passphrase.currentRequired'), ...newPassphraseFields })
  .superRefine((values, ctx) => {
    checkNewPassphrase(values, ctx);
    if (values.newPassphrase && values.newPassphrase === values.currentPassphrase) {
      ctx.addIssue({ code: 'custom', path: ['newPassphrase'], message: 'settings.passphrase.sameAsCurrent' });
    }
  });
type ChangeValues = z.infer<typeof changeSchema>;

const EMPTY: ChangeValues = { currentPassphrase: '', newPassphrase: '', confirmPassphrase: '', acceptWeak: false };

export function ChangePassphraseForm() {
  const { t } = useTranslation();
  const change = useChangePassphrase();
  const fieldError = useFieldError();
  const form = useForm<ChangeValues>({ resolver: zodResolver(changeSchema), defaultValues: EMPTY });

  const onSubmit = form.handleSubmit(({ currentPassphrase, newPassphrase }) => {
    change.run(
      { currentPassphrase, newPassphrase },
      // Passphrases never stay in the form, whatever the outcome.
      { onSettled: () => form.reset(EMPTY) },
    );
  });

  return (
    <Card title={t('settings.passphrase.title')} description={t('settings.passphrase.description')}>
      <FormProvider {...form}>
        <form className="stack stack--md form--narrow" noValidate onSubmit={onSubmit} aria-busy={change.isPending || undefined}>
          <ErrorAlert error={change.error} />
          <PasswordField
            label={t('settings.passphrase.current')}
            autoComplete="current-password"
            error={fieldError(form.formState.errors.currentPassphrase?.message)}
            {...form.register('currentPassphrase', { onChange: () => change.succeeded && change.clear() })}
          />
          <NewPassphraseFields label={t('passphrase.newLabel')} />
          <div className="live-slot" role="status">
            {change.succeeded ? (
              <Alert tone="success" title={t('settings.passphrase.changedTitle')}>
                {t('settings.passphrase.changedBody')}
              </Alert>
            ) : null}
          </div>
          <div className="form-actions form-actions--start">
            <Button type="submit" variant="primary" pending={change.isPending}>
              {change.isPending ? t('settings.passphrase.submitting') : t('settings.passphrase.submit')}
            </Button>
          </div>
        </form>
      </FormProvider>
    </Card>
  );
}
