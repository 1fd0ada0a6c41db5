import { NameList } from '../../components/NameList';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto } from '../../../../shared/domain/records';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useGuard } from '../../lib/unsaved-changes';
import { CaseReferralsSection } from '../case-referrals/CaseReferralsSection';
import { ConsentSection } from '../consent/ConsentSection';
import { CaseContactsSection } from '../contacts/CaseContactsSection';
import { EvidenceSection } from '../evidence/EvidenceSection';
import { HistorySection } from '../history/HistorySection';
import { RiskSuggestions } from '../risk-signals/RiskSuggestions';
import { NotesSection } from '../notes/NotesSection';
import { TasksSection } from '../tasks/TasksSection';
import { ThreatsSection } from '../threats/ThreatsSection';
import { CaseTabs, type CaseTab } from './CaseTabs';
import { EraseCaseDialog } from './EraseCaseDialog';
import { formatDay, RiskBadge } from './labels';
import { OverviewSection } from './OverviewSection';
import { useArchiveCase, useCase, useRestoreCase } from './queries';

interface CasePageProps {
  caseId: string;
  /** The tab to show first, e.g. Threats when a threat was opened from search. */
  initialTab?: CaseTab;
  onBack: () => void;
}

export function CasePage({ caseId, initialTab = 'overview', onBack }: CasePageProps) {
  const { t } = useTranslation();
  const guard = useGuard();
  const query = useCase(caseId);
  const [tab, setTab] = useState<CaseTab>(initialTab);

  const back = (
    <div>
      <Button variant="link" className="back-link" onClick={() => guard(onBack)}>
        {t('casePage.backToCases')}
      </Button>
    </div>
  );

  if (!query.data) {
    return (
      <div className="page page--wide">
        {back}
        {query.isError ? <ErrorAlert error={asAppError(query.error)} /> : <p className="muted">{t('common.loading')}</p>}
      </div>
    );
  }

  const caseFile = query.data;
  return (
    <div className="page page--wide">
      {back}
      <CaseHeader caseFile={caseFile} onErased={onBack} />
      {caseFile.archivedAt === null ? <RiskSuggestions caseId={caseFile.id} /> : null}
      <CaseTabs label={t('casePage.tabsLabel')} current={tab} labelOf={(key) => t(`casePage.tabs.${key}`)} onSelect={(next) => guard(() => setTab(next))}>
        <CaseSection tab={tab} caseFile={caseFile} />
      </CaseTabs>
    </div>
  );
}

function CaseSection({ tab, caseFile }: { tab: CaseTab; caseFile: CaseDto }) {
  switch (tab) {
    case 'overview':
      return <OverviewSection caseFile={caseFile} />;
    case 'threats':
      return <ThreatsSection caseFile={caseFile} />;
    case 'contacts':
      return <CaseContactsSection caseFile={caseFile} />;
    case 'referrals':
      return <CaseReferralsSection caseFile={caseFile} />;
    case 'consent':
      return <ConsentSection caseFile={caseFile} />;
    case 'notes':
      return <NotesSection caseFile={caseFile} />;
    case 'tasks':
      return <TasksSection caseFile={caseFile} />;
    case 'evidence':
      return <EvidenceSection caseFile={caseFile} />;
    case 'history':
      return <HistorySection caseFile={caseFile} />;
    default: {
      const unreachable: never = tab;
      return unreachable;
    }
  }
}

function CaseHeader({ caseFile, onErased }: { caseFile: CaseDto; onErased: () => void }) {
  const { t } = useTranslation();
  const archive = useArchiveCase();
  const restore = useRestoreCase();
  const [erasing, setErasing] = useState(false);
  const archived = caseFile.archivedAt !== null;
  const failed = archive.isError ? archive.error : restore.isError ? restore.error : null;

  return (
    <header className="case-header">
      <div className="case-header__main">
        <p className="case-header__code">{caseFile.code}</p>
        <h1 className="page__title" dir="auto">
          {caseFile.client.legalName}
        </h1>
        {caseFile.client.originalNames.length > 0 ? (
          <p className="case-header__original" dir="auto">
            <NameList names={caseFile.client.originalNames} />
          </p>
        ) : null}
        <div className="case-header__meta">
          <span className="badge badge--status">{t(`enums.status.${caseFile.status}`)}</span>
          <RiskBadge level={caseFile.riskLevel} />
          <span className="muted small">{t('casePage.openedOn', { date: formatDay(caseFile.openedOn) })}</span>
        </div>
      </div>
      <div className="case-header__actions">
        {archived ? (
          <Button pending={restore.isPending} onClick={() => restore.mutate({ id: caseFile.id, version: caseFile.version })}>
            {t('casePage.restore')}
          </Button>
        ) : (
          <Button pending={archive.isPending} onClick={() => archive.mutate({ id: caseFile.id, version: caseFile.version })}>
            {t('casePage.archive')}
          </Button>
        )}
        <Button variant="danger" onClick={() => setErasing(true)}>
          {t('casePage.erase')}
        </Button>
      </div>
      {archived ? (
        <Alert tone="warning" title={t('casePage.archivedTitle')} className="case-header__banner">
          {t('casePage.archivedBody', { date: formatDay(caseFile.archivedAt) })}
        </Alert>
      ) : null}
      <ErrorAlert error={failed ? asAppError(failed) : null} className="case-header__banner" />
      <EraseCaseDialog caseFile={caseFile} open={erasing} onClose={() => setErasing(false)} onErased={onErased} />
    </header>
  );
}
