import { useTranslation } from 'react-i18next';
import { useSession } from '../session/SessionProvider';
import { RecoveryKeyDisplay } from './RecoveryKeyDisplay';

/** Straight after creating a vault: the key, once, before entering the app. */
export function NewRecoveryKeyScreen({ recoveryKey }: { recoveryKey: string }) {
  const { t } = useTranslation();
  const session = useSession();
  return (
    <main className="centered-page">
      <div className="panel panel--wide">
        <header className="panel__header">
          <h1 className="panel__title">{t('recoveryKey.title')}</h1>
          <p className="panel__lead">{t('recoveryKey.lead')}</p>
        </header>
        <RecoveryKeyDisplay recoveryKey={recoveryKey} onConfirmed={session.confirmRecoveryKeyStored} confirmLabel={t('recoveryKey.continue')} />
      </div>
    </main>
  );
}
