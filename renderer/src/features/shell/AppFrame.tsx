import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Nav } from '../../components/Nav';
import { invoke } from '../../lib/api';
import { SettingsPage } from '../settings/SettingsPage';
import { useSession } from '../session/SessionProvider';
import type { UnlockedVault } from '../session/session-types';
import { EmptySectionPage } from './EmptySectionPage';
import { SectionIcon } from './SectionIcon';
import { SECTIONS, type Section } from './sections';

interface AppFrameProps {
  vault: UnlockedVault;
  isMac: boolean;
}

export function AppFrame({ vault, isMac }: AppFrameProps) {
  const { t } = useTranslation();
  const session = useSession();
  const [section, setSection] = useState<Section>('cases');
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);

  // Move focus to the new page's content so keyboard and screen-reader users land there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [section]);

  const shortcut = isMac ? t('shell.lockShortcutMac') : t('shell.lockShortcut');

  return (
    <div className="app-frame">
      <aside className="sidebar">
        <div className="brand">
          <span className="brand__mark" aria-hidden="true" />
          <span className="brand__name">{t('app.name')}</span>
        </div>
        <Nav
          label={t('shell.navLabel')}
          current={section}
          onSelect={setSection}
          items={SECTIONS.map((key) => ({ key, label: t(`sections.${key}.title`), icon: <SectionIcon section={key} /> }))}
        />
        <p className="sidebar__footer">{t('shell.offline')}</p>
      </aside>
      <div className="app-frame__body">
        <header className="topbar">
          <div className="topbar__vault">
            <span className="topbar__vault-label">{t('shell.vaultLabel')}</span>
            <span className="topbar__vault-name" title={vault.path}>
              {vault.name}
            </span>
          </div>
          <Button
            variant="secondary"
            hint={shortcut}
            aria-keyshortcuts={isMac ? 'Meta+L' : 'Control+L'}
            onClick={() => void session.lock('user')}
          >
            <span className="btn__with-icon">
              <svg className="lock-icon" width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
                <rect x="5" y="11" width="14" height="10" rx="2" />
                <path d="M8 11V8a4 4 0 0 1 8 0v3" />
              </svg>
              {t('shell.lock')}
            </span>
          </Button>
        </header>
        <main className="app-frame__main" ref={mainRef} tabIndex={-1}>
          {section === 'settings' ? <SettingsPage /> : <EmptySectionPage section={section} />}
        </main>
      </div>
    </div>
  );
}

/** Tells main the user is active (its backstop timer), ignoring failures: the renderer's own timer still runs. */
export function pingActivity(): void {
  invoke('session:activity', {}).catch(() => undefined);
}
