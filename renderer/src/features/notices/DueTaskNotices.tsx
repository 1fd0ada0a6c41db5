import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import type { CaseTab } from '../cases/CaseTabs';
import { formatDay } from '../cases/labels';
import { useDueTasks } from './queries';
import '../../styles/sections.css';
import '../../styles/insights.css';

const SHOWN_AT_ONCE = 3;

/** The caseworker's calendar day, as main computes it (tasks are due by local day). */
function localDay(now = new Date()): string {
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
}

interface DueTaskNoticesProps {
  onOpenCase: (caseId: string, tab?: CaseTab) => void;
  onOpenDashboard: () => void;
}

/**
 * In-app notices for tasks that are due, while the vault is unlocked. Each
 * can be dismissed for this session (until the vault locks). There are no
 * system notifications: those would show case details outside the app.
 */
export function DueTaskNotices({ onOpenCase, onOpenDashboard }: DueTaskNoticesProps) {
  const { t } = useTranslation();
  const due = useDueTasks();
  const [dismissed, setDismissed] = useState<ReadonlySet<string>>(() => new Set());
  const dismiss = (id: string) => setDismissed((previous) => new Set(previous).add(id));

  const pending = (due.data ?? []).filter((task) => !dismissed.has(task.id));
  const shown = pending.slice(0, SHOWN_AT_ONCE);
  const hidden = pending.length - shown.length;
  const today = localDay();

  return (
    <div className="notices" role="status" aria-label={t('notices.regionLabel')}>
      {shown.map((task) => (
        <div key={task.id} className="notice" role="group" aria-labelledby={`notice-${task.id}-title notice-${task.id}-text`}>
          <span className="notice__icon" aria-hidden="true">
            <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d="M6 16V11a6 6 0 0 1 12 0v5l1.5 2h-15z" />
              <path d="M10 20a2 2 0 0 0 4 0" />
            </svg>
          </span>
          <div className="notice__body">
            <p className="notice__title" id={`notice-${task.id}-title`}>
              {t('notices.dueTitle')}
            </p>
            <p className="notice__text" id={`notice-${task.id}-text`}>
              <span dir="auto">{task.title}</span> · <span className="mono nowrap">{task.caseCode}</span> ·{' '}
              <span className="nowrap">{task.dueOn >= today ? t('notices.dueToday') : t('notices.due', { date: formatDay(task.dueOn) })}</span>
            </p>
          </div>
          <div className="notice__actions">
            <Button
              variant="secondary"
              onClick={() => {
                dismiss(task.id);
                onOpenCase(task.caseId, 'tasks');
              }}
            >
              {t('notices.open')}
            </Button>
            <button type="button" className="notice__close" aria-label={t('notices.dismiss')} onClick={() => dismiss(task.id)}>
              ×
            </button>
          </div>
        </div>
      ))}
      {hidden > 0 ? (
        <div className="notice notice--more">
          <p className="notice__text">{t('notices.more', { count: hidden })}</p>
          <Button variant="link" onClick={onOpenDashboard}>
            {t('notices.openDashboard')}
          </Button>
        </div>
      ) : null}
    </div>
  );
}
