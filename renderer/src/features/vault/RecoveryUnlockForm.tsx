import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect } from 'react';
import { FormProvider, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextField } from '../../components/TextField';
import { useFieldError } from '../../lib/use-field-error';
import { useSession } from '../session/SessionProvider';
import { checkNewPassphrase, newPassphraseFields } from './passphrase-schema';
import { NewPassphraseFields } from './NewPassphraseFields';
import { useUnlockWithRecoveryKey } from './queries';

const recoverySchema = z
  .object({
    recoveryKey: z.string().trim().min(1, 'recoveryUnlock.errors.keyRequired').max(200, 'recoveryUnlock.errors.keyRequired'),
    ...newPassphraseFields,
  })
  .superRefine(checkNewPassphrase);
type RecoveryValues = z.infer<typeof recoverySchema>;

const EMPTY: RecoveryValues = { recoveryKey: '', newPassphrase: '', confirmPassphrase: '', acceptWeak: false };

/** Forgotten passphrase: the recovery key opens the vault and a new passphrase replaces the old one. */
export function RecoveryUnlockForm({ path, onCancel }: { path: string; onCancel: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const unlock = useUnlockWithRecoveryKey();
  const fieldError = useFieldError();
  const form = useForm<RecoveryValues>({ resolver: zodResolver(recoverySchema), defaultValues: EMPTY });

  useEffect(() => {
    form.setFocus('recoveryKey');
  }, [form]);

  const onSubmit = form.handleSubmit((values) => {
    unlock.run(
      { path, recoveryKey: values.recoveryKey, newPassphrase: values.newPassphrase },
      {
        onSuccess: (status) => session.enterVault(status),
        onSettled: () => {
          // Keep what was typed for the key (to correct a typo), but never the passphrases.
          form.reset({ ...EMPTY, recoveryKey: form.getValues('recoveryKey') });
        },
      },
    );
  });

  return (
    <FormProvider {...form}>
      <form className="stack stack--md" noValidate onSubmit={onSubmit} aria-busy={unlock.isPending || undefined}>
        <p className="muted">{t('recoveryUnlock.lead')}</p>
        <ErrorAlert error={unlock.error} />
        <TextField
          label={t('recoveryUnlock.keyLabel')}
          description={t('recoveryUnlock.keyHint')}
          monospace
          autoComplete="off"
          autoCapitalize="characters"
          error={fieldError(form.formState.errors.recoveryKey?.message)}
          {...form.register('recoveryKey')}
        />
        <NewPassphraseFields label={t('passphrase.newLabel')} />
        <Alert tone="info">{t('recoveryUnlock.keyStaysValid')}</Alert>
        <div className="form-actions form-actions--split">
          <Button variant="link" onClick={onCancel} disabled={unlock.isPending}>
            {t('recoveryUnlock.back')}
          </Button>
          <Button type="submit" variant="primary" pending={unlock.isPending}>
            {unlock.isPending ? t('recoveryUnlock.submitting') : t('recoveryUnlock.submit')}
          </Button>
        </div>
      </form>
    </FormProvider>
  );
}
