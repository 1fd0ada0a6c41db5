import { QueryClientProvider } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { queryClient } from './lib/query-client';
import { AppFrame, pingActivity } from './features/shell/AppFrame';
import { SessionProvider, useSession } from './features/session/SessionProvider';
import { unlockedVaultOf } from './features/session/session-types';
import { useIdleLock } from './features/session/useIdleLock';
import { isMacPlatform, useQuickLock } from './features/session/useQuickLock';
import { CreateVaultScreen } from './features/vault/CreateVaultScreen';
import { NewRecoveryKeyScreen } from './features/vault/NewRecoveryKeyScreen';
import { useAppInfo } from './features/vault/queries';
import { UnlockScreen } from './features/vault/UnlockScreen';
import { WelcomeScreen } from './features/welcome/WelcomeScreen';

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionProvider>
        <Screens />
      </SessionProvider>
    </QueryClientProvider>
  );
}

function Screens() {
  const { t } = useTranslation();
  const session = useSession();
  const appInfo = useAppInfo();
  const { screen } = session;
  const vault = unlockedVaultOf(screen);
  const isMac = isMacPlatform(appInfo.data?.platform);

  useQuickLock(vault !== null, isMac, () => void session.lock('user'));
  useIdleLock({
    enabled: vault !== null,
    minutes: vault?.autoLockMinutes ?? 10,
    onIdle: () => void session.lock('idle'),
    onActivityPing: pingActivity,
  });

  switch (screen.kind) {
    case 'starting':
      return (
        <main className="centered-page" aria-busy="true">
          <p className="muted">{t('common.loading')}</p>
        </main>
      );
    case 'welcome':
      return <WelcomeScreen />;
    case 'create':
      return <CreateVaultScreen />;
    case 'unlock':
      // Keyed by path so switching vaults starts with fresh forms.
      return <UnlockScreen key={screen.path} path={screen.path} notice={screen.notice} />;
    case 'new-recovery-key':
      return <NewRecoveryKeyScreen recoveryKey={screen.recoveryKey} />;
    case 'app':
      return <AppFrame vault={screen.vault} isMac={isMac} />;
    default: {
      const unreachable: never = screen;
      return unreachable;
    }
  }
}
