import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Nav } from '../../components/Nav';
import { invoke } from '../../lib/api';
import { UnsavedChangesProvider, useGuard } from '../../lib/unsaved-changes';
import type { SearchHit } from '../../../../shared/ipc/insights-contract';
import { DEFAULT_CASE_FILTERS, type CaseFilters } from '../cases/case-filters';
import { CasePage } from '../cases/CasePage';
import type { CaseTab } from '../cases/CaseTabs';
import { CasesPage } from '../cases/CasesPage';
import { IntakePage } from '../cases/IntakePage';
import { ContactsPage } from '../contacts/ContactsPage';
import { DashboardPage } from '../dashboard/DashboardPage';
import { DueTaskNotices } from '../notices/DueTaskNotices';
import { BackupNotice } from '../backup/BackupNotice';
import { ReferralsPage } from '../referrals/ReferralsPage';
import { ReportsPage } from '../reports/ReportsPage';
import { caseIdOf, tabForKind } from '../search/open-target';
import { SearchPalette } from '../search/SearchPalette';
import { useSearchShortcut } from '../search/useSearchShortcut';
import { SettingsPage } from '../settings/SettingsPage';
import { useSession } from '../session/SessionProvider';
import type { UnlockedVault } from '../session/session-types';
import { SectionIcon } from './SectionIcon';
import { SECTIONS, type Section } from './sections';

interface AppFrameProps {
  vault: UnlockedVault;
  isMac: boolean;
}

/**
 * Inside the Cases section: the list, intake, or one case. `visit` counts
 * openings, so opening the case already shown (e.g. from search, on another
 * tab) starts it afresh on the tab asked for.
 */
type CasesView = { kind: 'list' } | { kind: 'intake' } | { kind: 'case'; caseId: string; tab: CaseTab; visit: number };

export function AppFrame(props: AppFrameProps) {
  return (
    <UnsavedChangesProvider>
      <AppFrameContent {...props} />
    </UnsavedChangesProvider>
  );
}

function AppFrameContent({ vault, isMac }: AppFrameProps) {
  const { t } = useTranslation();
  const session = useSession();
  const guard = useGuard();
  const [section, setSection] = useState<Section>('cases');
  const [searching, setSearching] = useState(false);
  const [casesView, setCasesView] = useState<CasesView>({ kind: 'list' });
  // Kept here so that "Back to cases" returns to the list as it was left.
  const [caseFilters, setCaseFilters] = useState<CaseFilters>(DEFAULT_CASE_FILTERS);
  const mainRef = useRef<HTMLElement>(null);
  const firstRender = useRef(true);
  const visits = useRef(0);

  const openCase = (caseId: string, tab: CaseTab = 'overview') =>
    guard(() => {
      visits.current += 1;
      setSection('cases');
      setCasesView({ kind: 'case', caseId, tab, visit: visits.current });
    });

  const openSection = (next: Section) =>
    guard(() => {
      setSection(next);
      if (next === 'cases') setCasesView({ kind: 'list' });
    });

  const openHit = (hit: SearchHit) => {
    setSearching(false);
    const caseId = caseIdOf(hit);
    if (caseId) openCase(caseId, tabForKind(hit.kind));
    else if (hit.kind === 'contact') openSection('contacts');
  };

  useSearchShortcut(isMac, () => setSearching(true));

  // Move focus to the new page's content so keyboard and screen-reader users land there.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    mainRef.current?.focus();
  }, [section, casesView]);

  const shortcut = isMac ? t('shell.lockShortcutMac') : t('shell.lockShortcut');
  const searchShortcut = isMac ? '⌘K' : 'Ctrl+K';

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
          onSelect={openSection}
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
            {vault.demo ? (
              <span className="demo-badge" role="note">
                {t('shell.demo')}
              </span>
            ) : null}
          </div>
          <div className="topbar__actions">
            <Button variant="secondary" hint={searchShortcut} aria-keyshortcuts={isMac ? 'Meta+K' : 'Control+K'} onClick={() => setSearching(true)}>
              <span className="btn__with-icon">
                <svg width="14" height="14" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" aria-hidden="true">
                  <circle cx="11" cy="11" r="7" />
                  <path d="M20 20l-3.5-3.5" />
                </svg>
                {t('search.open')}
              </span>
            </Button>
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
          </div>
        </header>
        <DueTaskNotices onOpenCase={openCase} onOpenDashboard={() => openSection('dashboard')} />
        <BackupNotice onOpenSettings={() => openSection('settings')} />
        <main className="app-frame__main" ref={mainRef} tabIndex={-1}>
          <SectionPage
            section={section}
            casesView={casesView}
            caseFilters={caseFilters}
            onCaseFiltersChange={setCaseFilters}
            onCasesView={setCasesView}
            onOpenCase={openCase}
          />
        </main>
      </div>
      <SearchPalette open={searching} onClose={() => setSearching(false)} onOpenHit={openHit} />
    </div>
  );
}

interface SectionPageProps {
  section: Section;
  casesView: CasesView;
  caseFilters: CaseFilters;
  onCaseFiltersChange: (filters: CaseFilters) => void;
  onCasesView: (view: CasesView) => void;
  onOpenCase: (caseId: string, tab?: CaseTab) => void;
}

function SectionPage({ section, casesView, caseFilters, onCaseFiltersChange, onCasesView, onOpenCase }: SectionPageProps) {
  switch (section) {
    case 'cases':
      switch (casesView.kind) {
        case 'list':
          return <CasesPage filters={caseFilters} onFiltersChange={onCaseFiltersChange} onOpenCase={onOpenCase} onNewCase={() => onCasesView({ kind: 'intake' })} />;
        case 'intake':
          return <IntakePage onCancel={() => onCasesView({ kind: 'list' })} onCreated={(caseId) => onCasesView({ kind: 'case', caseId, tab: 'overview', visit: 0 })} />;
        case 'case':
          return <CasePage key={`${casesView.caseId}:${casesView.visit}`} caseId={casesView.caseId} initialTab={casesView.tab} onBack={() => onCasesView({ kind: 'list' })} />;
        default: {
          const unreachable: never = casesView;
          return unreachable;
        }
      }
    case 'contacts':
      return <ContactsPage onOpenCase={onOpenCase} />;
    case 'referrals':
      return <ReferralsPage onOpenCase={onOpenCase} />;
    case 'dashboard':
      return <DashboardPage onOpenCase={onOpenCase} />;
    case 'reports':
      return <ReportsPage />;
    case 'settings':
      return <SettingsPage />;
    default: {
      const unreachable: never = section;
      return unreachable;
    }
  }
}

/** Tells main the user is active (its backstop timer), ignoring failures: the renderer's own timer still runs. */
export function pingActivity(): void {
  invoke('session:activity', {}).catch(() => undefined);
}
