import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PasswordField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { vaultNameOf } from '../../lib/paths';
import { useFieldError } from '../../lib/use-field-error';
import { useSession } from '../session/SessionProvider';
import type { LockNotice } from '../session/session-types';
import { LockNoticeAlert } from './LockNoticeAlert';
import { useRemoveIncompleteRestore, useUnlockVault } from './queries';
import { RecoveryUnlockForm } from './RecoveryUnlockForm';

const unlockSchema = z.object({ passphrase: z.string().min(1, 'unlock.errors.passphraseRequired') });
type UnlockValues = z.infer<typeof unlockSchema>;

interface UnlockScreenProps {
  path: string;
  notice?: LockNotice;
}

export function UnlockScreen({ path, notice }: UnlockScreenProps) {
  const { t } = useTranslation();
  const session = useSession();
  const [mode, setMode] = useState<'passphrase' | 'recovery'>('passphrase');

  return (
    <main className="centered-page">
      <div className="panel">
        <header className="panel__header">
          <Button variant="link" className="back-link" onClick={session.goWelcome}>
            {t('unlock.otherVault')}
          </Button>
          <h1 className="panel__title">{mode === 'passphrase' ? t('unlock.title', { name: vaultNameOf(path) }) : t('recoveryUnlock.title')}</h1>
          <p className="vault-path">
            <span className="vault-path__label">{t('unlock.pathLabel')}</span> <span className="vault-path__value">{path}</span>
          </p>
        </header>
        <LockNoticeAlert notice={notice} />
        {mode === 'passphrase' ? (
          <PassphraseUnlockForm path={path} onForgot={() => setMode('recovery')} />
        ) : (
          <RecoveryUnlockForm path={path} onCancel={() => setMode('passphrase')} />
        )}
      </div>
    </main>
  );
}

/** A folder left by a restore that was stopped half-way: nothing in it is needed, so it can go. */
function RemoveIncompleteRestore({ path }: { path: string }) {
  const { t } = useTranslation();
  const session = useSession();
  const remove = useRemoveIncompleteRestore();
  return (
    <div className="stack stack--md">
      <p className="muted">{t('unlock.removeIncompleteHint')}</p>
      <ErrorAlert error={remove.isError ? asAppError(remove.error) : null} />
      <div className="form-actions">
        <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate(path, { onSuccess: session.goWelcome })}>
          {t('unlock.removeIncomplete')}
        </Button>
      </div>
    </div>
  );
}

function PassphraseUnlockForm({ path, onForgot }: { path: string; onForgot: () => void }) {
  const { t } = useTranslation();
  const session = useSession();
  const unlock = useUnlockVault();
  const fieldError = useFieldError();
  const form = useForm<UnlockValues>({ resolver: zodResolver(unlockSchema), defaultValues: { passphrase: '' } });

  useEffect(() => {
    form.setFocus('passphrase');
  }, [form]);

  const onSubmit = form.handleSubmit(({ passphrase }) => {
    unlock.run(
      { path, passphrase },
      {
        onSuccess: (status) => session.enterVault(status),
        onSettled: () => {
          // The passphrase never lingers in the form, whatever the outcome.
          form.reset({ passphrase: '' });
          form.setFocus('passphrase');
        },
      },
    );
  });

  return (
    <form className="stack stack--md" noValidate onSubmit={onSubmit} aria-busy={unlock.isPending || undefined}>
      <ErrorAlert error={unlock.error} />
      {unlock.error?.code === 'INCOMPLETE_RESTORE' ? <RemoveIncompleteRestore path={path} /> : null}
      <PasswordField
        label={t('passphrase.label')}
        autoComplete="current-password"
        error={fieldError(form.formState.errors.passphrase?.message)}
        readOnly={unlock.isPending}
        {...form.register('passphrase')}
      />
      <div className="form-actions form-actions--split">
        <Button variant="link" onClick={onForgot}>
          {t('unlock.forgot')}
        </Button>
        <Button type="submit" variant="primary" pending={unlock.isPending}>
          {unlock.isPending ? t('unlock.submitting') : t('unlock.submit')}
        </Button>
      </div>
    </form>
  );
}
