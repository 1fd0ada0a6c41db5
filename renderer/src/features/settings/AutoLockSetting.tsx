import { useTranslation } from 'react-i18next';
import { AUTO_LOCK_CHOICES_MINUTES } from '../../../../shared/ipc/contract';
import { Alert } from '../../components/Alert';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { asAppError } from '../../lib/api';
import { useSession } from '../session/SessionProvider';
import { useAppInfo } from '../vault/queries';
import { useUpdateSettings } from './queries';

export function AutoLockSetting({ minutes }: { minutes: number }) {
  const { t } = useTranslation();
  const session = useSession();
  const update = useUpdateSettings();
  // Electron has no screen-lock event on Linux; say where the lock on screen lock may not happen.
  const isLinux = useAppInfo().data?.platform === 'linux';
  const choices: number[] = [...AUTO_LOCK_CHOICES_MINUTES];
  if (!choices.includes(minutes)) choices.push(minutes);
  choices.sort((a, b) => a - b);

  return (
    <Card title={t('settings.autoLock.title')} description={t('settings.autoLock.description')}>
      <div className="stack stack--md">
        <Select
          className="field--narrow"
          label={t('settings.autoLock.label')}
          value={String(minutes)}
          disabled={update.isPending}
          options={choices.map((value) => ({ value: String(value), label: t('settings.autoLock.option', { count: value }) }))}
          onChange={(event) => {
            const autoLockMinutes = Number(event.target.value);
            update.mutate({ autoLockMinutes }, { onSuccess: (saved) => session.setAutoLockMinutes(saved.autoLockMinutes) });
          }}
        />
        {isLinux ? <p className="muted small">{t('settings.autoLock.linuxScreenLock')}</p> : null}
        <div className="live-slot" role="status">
          {update.isSuccess ? (
            <Alert tone="success">{t('settings.autoLock.saved', { count: update.data.autoLockMinutes })}</Alert>
          ) : null}
        </div>
        <ErrorAlert error={update.isError ? asAppError(update.error) : null} />
      </div>
    </Card>
  );
}
