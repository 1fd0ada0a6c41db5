import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { ErrorAlert } from '../../components/ErrorAlert';
import { joinPath } from '../../lib/paths';
import { useFieldError } from '../../lib/use-field-error';
import { useSession } from '../session/SessionProvider';
import { VaultLocationField } from '../welcome/VaultLocationField';
import { checkNewPassphrase, newPassphraseFields } from './passphrase-schema';
import { NewPassphraseFields } from './NewPassphraseFields';
import { useAppInfo, useCreateVault } from './queries';

const createSchema = z
  .object({
    path: z.string().trim().min(1, 'location.errors.required'),
    ...newPassphraseFields,
    withRecoveryKey: z.boolean(),
  })
  .superRefine(checkNewPassphrase);
type CreateValues = z.infer<typeof createSchema>;

export const DEFAULT_VAULT_FILE_NAME = 'Casework.ckvault';

export function CreateVaultScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const appInfo = useAppInfo();
  const create = useCreateVault();
  const fieldError = useFieldError();
  const form = useForm<CreateValues>({
    resolver: zodResolver(createSchema),
    defaultValues: { path: '', newPassphrase: '', confirmPassphrase: '', acceptWeak: false, withRecoveryKey: true },
  });

  const defaultFolder = appInfo.data?.defaultVaultFolder;
  useEffect(() => {
    if (defaultFolder && !form.getValues('path')) form.setValue('path', joinPath(defaultFolder, DEFAULT_VAULT_FILE_NAME));
  }, [defaultFolder, form]);

  const onSubmit = form.handleSubmit((values) => {
    create.run(
      { path: values.path, passphrase: values.newPassphrase, withRecoveryKey: values.withRecoveryKey },
      { onSuccess: ({ status, recoveryKey }) => session.enterVault(status, recoveryKey) },
    );
  });

  return (
    <main className="centered-page">
      <div className="panel panel--wide">
        <header className="panel__header">
          <Button variant="link" className="back-link" onClick={session.goWelcome} disabled={create.isPending}>
            {t('common.back')}
          </Button>
          <h1 className="panel__title">{t('create.title')}</h1>
          <p className="panel__lead">{t('create.lead')}</p>
        </header>

        <FormProvider {...form}>
          <form className="stack stack--lg" noValidate onSubmit={onSubmit} aria-busy={create.isPending || undefined}>
            <VaultLocationField
              purpose="create"
              label={t('location.label')}
              description={t('create.locationHint')}
              error={fieldError(form.formState.errors.path?.message)}
              onChosen={(path) => form.setValue('path', path, { shouldValidate: true })}
              {...form.register('path')}
            />

            <NewPassphraseFields label={t('passphrase.label')} />

            <Alert tone="warning" title={t('create.lossWarning.title')}>
              {t('create.lossWarning.body')}
            </Alert>

            <Checkbox
              label={t('create.recoveryKey.label')}
              description={t('create.recoveryKey.description')}
              {...form.register('withRecoveryKey')}
            />

            <ErrorAlert error={create.error} />

            <div className="form-actions">
              {create.isPending ? (
                <p className="form-actions__status" role="status">
                  {t('create.pending')}
                </p>
              ) : null}
              <Button type="submit" variant="primary" pending={create.isPending}>
                {create.isPending ? t('create.submitting') : t('create.submit')}
              </Button>
            </div>
          </form>
        </FormProvider>
      </div>
    </main>
  );
}
