import { zodResolver } from '@hookform/resolvers/zod';
import { useMutation } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError, invoke } from '../../lib/api';
import { DEMO_PASSPHRASE } from '../../../../shared/demo';
import { useFieldError } from '../../lib/use-field-error';
import { useSession } from '../session/SessionProvider';
import { useAppInfo } from '../vault/queries';
import { RecentVaultsList } from './RecentVaultsList';
import { VaultLocationField } from './VaultLocationField';
import { RestoreBackupCard } from '../backup/RestoreBackupCard';

const openSchema = z.object({ path: z.string().trim().min(1, 'location.errors.required') });
type OpenValues = z.infer<typeof openSchema>;

export function WelcomeScreen() {
  const { t } = useTranslation();
  const session = useSession();
  const appInfo = useAppInfo();
  const fieldError = useFieldError();
  const demo = useMutation({
    mutationFn: () => invoke('vault:createDemo', {}),
    onSuccess: ({ status }) => session.enterVault(status, null),
  });
  const form = useForm<OpenValues>({ resolver: zodResolver(openSchema), defaultValues: { path: '' } });

  const defaultFolder = appInfo.data?.defaultVaultFolder;
  useEffect(() => {
    if (defaultFolder && !form.getValues('path')) form.setValue('path', defaultFolder);
  }, [defaultFolder, form]);

  return (
    <main className="welcome">
      <header className="welcome__header">
        <div className="brand brand--large">
          <span className="brand__mark" aria-hidden="true" />
          <h1 className="brand__name">{t('app.name')}</h1>
        </div>
        <p className="welcome__tagline">{t('welcome.tagline')}</p>
        <p className="welcome__offline">{t('welcome.offline')}</p>
      </header>

      <div className="welcome__grid">
        <Card title={t('welcome.create.title')} description={t('welcome.create.description')}>
          <div className="card__actions">
            <Button variant="primary" onClick={session.goCreate}>
              {t('welcome.create.action')}
            </Button>
          </div>
        </Card>

        <Card title={t('welcome.open.title')} description={t('welcome.open.description')}>
          <form
            className="stack stack--md"
            noValidate
            onSubmit={form.handleSubmit(({ path }) => session.goUnlock(path))}
          >
            <VaultLocationField
              purpose="open"
              label={t('location.label')}
              error={fieldError(form.formState.errors.path?.message)}
              onChosen={(path) => form.setValue('path', path, { shouldValidate: true })}
              {...form.register('path')}
            />
            <div className="card__actions">
              <Button type="submit" variant="secondary">
                {t('welcome.open.action')}
              </Button>
            </div>
          </form>
        </Card>
      </div>

      <Card title={t('welcome.recent.title')} className="welcome__recent">
        <RecentVaultsList onOpen={session.goUnlock} />
      </Card>

      <RestoreBackupCard className="welcome__recent" />

      <Card title={t('welcome.demo.title')} description={t('welcome.demo.description')} className="welcome__recent">
        <p className="muted">
          {t('welcome.demo.passphrase')} <code>{DEMO_PASSPHRASE}</code>
        </p>
        <ErrorAlert error={demo.error ? asAppError(demo.error) : null} />
        <div className="card__actions">
          <Button variant="secondary" pending={demo.isPending} onClick={() => demo.mutate()}>
            {demo.isPending ? t('welcome.demo.creating') : t('welcome.demo.action')}
          </Button>
        </div>
      </Card>
    </main>
  );
}
