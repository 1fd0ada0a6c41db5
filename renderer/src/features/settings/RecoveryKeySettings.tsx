import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { RecoveryKeyDisplay } from '../vault/RecoveryKeyDisplay';
import { CurrentPassphraseDialog } from './CurrentPassphraseDialog';
import { useRemoveRecoveryKey, useReplaceRecoveryKey } from './queries';

type Dialog = 'none' | 'replace' | 'remove';

export function RecoveryKeySettings({ hasRecoveryKey }: { hasRecoveryKey: boolean }) {
  const { t } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>('none');
  // The new key lives here only until the caseworker confirms they stored it.
  const [newKey, setNewKey] = useState<string | null>(null);
  const replace = useReplaceRecoveryKey();
  const remove = useRemoveRecoveryKey();

  const close = () => {
    setDialog('none');
    replace.clear();
    remove.clear();
  };

  if (newKey) {
    return (
      <Card title={t('settings.recovery.newKeyTitle')}>
        <RecoveryKeyDisplay
          recoveryKey={newKey}
          note={t('settings.recovery.oldStopsWorking')}
          confirmLabel={t('settings.recovery.done')}
          onConfirmed={() => setNewKey(null)}
        />
      </Card>
    );
  }

  return (
    <Card title={t('settings.recovery.title')} description={t('settings.recovery.description')}>
      <div className="stack stack--md">
        <p className="status-line">
          <span className={hasRecoveryKey ? 'status-dot status-dot--ok' : 'status-dot status-dot--off'} aria-hidden="true" />
          {hasRecoveryKey ? t('settings.recovery.hasKey') : t('settings.recovery.noKey')}
        </p>
        <div className="live-slot" role="status">{remove.succeeded && dialog === 'none' ? <Alert tone="success">{t('settings.recovery.removed')}</Alert> : null}</div>
        <div className="button-row">
          <Button onClick={() => {
              remove.clear();
              setDialog('replace');
            }}>{hasRecoveryKey ? t('settings.recovery.replace') : t('settings.recovery.create')}</Button>
          {hasRecoveryKey ? (
            <Button variant="danger" onClick={() => setDialog('remove')}>
              {t('settings.recovery.remove')}
            </Button>
          ) : null}
        </div>
      </div>

      <CurrentPassphraseDialog
        open={dialog === 'replace'}
        title={hasRecoveryKey ? t('settings.recovery.replaceTitle') : t('settings.recovery.createTitle')}
        confirmLabel={hasRecoveryKey ? t('settings.recovery.replaceConfirm') : t('settings.recovery.createConfirm')}
        pending={replace.isPending}
        error={replace.error}
        onClose={close}
        onConfirm={(currentPassphrase) =>
          replace.run(
            { currentPassphrase },
            {
              onSuccess: ({ recoveryKey }) => {
                setDialog('none');
                replace.clear();
                setNewKey(recoveryKey);
              },
            },
          )
        }
      >
        <p>{hasRecoveryKey ? t('settings.recovery.replaceBody') : t('settings.recovery.createBody')}</p>
      </CurrentPassphraseDialog>

      <CurrentPassphraseDialog
        open={dialog === 'remove'}
        title={t('settings.recovery.removeTitle')}
        confirmLabel={t('settings.recovery.removeConfirm')}
        confirmVariant="danger"
        pending={remove.isPending}
        error={remove.error}
        onClose={close}
        onConfirm={(currentPassphrase) => remove.run({ currentPassphrase }, { onSuccess: () => setDialog('none') })}
      >
        <p>{t('settings.recovery.removeBody')}</p>
      </CurrentPassphraseDialog>
    </Card>
  );
}
