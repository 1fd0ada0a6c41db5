import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { asAppError } from '../../lib/api';
import { useBackupStatus, useCreateBackup, useRunBackupIfDue } from './queries';
import '../../styles/insights.css';
import '../../styles/backup.css';

/** The first check waits a little, so unlocking is never slowed by a backup. */
const FIRST_CHECK_MS = 60_000;
const CHECK_EVERY_MS = 15 * 60_000;

/**
 * While the vault is unlocked: asks main, now and then, to make an automatic
 * backup if one is due (main decides, from the vault's settings), and shows a
 * notice under the top bar when backups are overdue or an automatic one
 * failed. The notice can be dismissed until the vault is locked.
 */
export function BackupNotice({ onOpenSettings }: { onOpenSettings: () => void }) {
  const { t } = useTranslation();
  const status = useBackupStatus();
  const auto = useRunBackupIfDue();
  const create = useCreateBackup();
  const [dismissed, setDismissed] = useState(false);
  const runIfDue = useRef(auto.mutate);
  runIfDue.current = auto.mutate;

  useEffect(() => {
    const run = () => runIfDue.current();
    const first = setTimeout(run, FIRST_CHECK_MS);
    const every = setInterval(run, CHECK_EVERY_MS);
    return () => {
      clearTimeout(first);
      clearInterval(every);
    };
  }, []);

  const data = status.data;
  const failure = auto.isError ? asAppError(auto.error) : create.isError ? asAppError(create.error) : null;
  if (dismissed || (!failure && !data?.warn)) return <div className="notices" />;

  const text = failure
    ? failure.message
    : data!.last
      ? t('backup.notice.old', { count: data!.daysWithoutBackup })
      : t('backup.notice.never', { count: data!.daysWithoutBackup });

  return (
    <div className="notices">
      <div className="notice notice--warning" role="status" aria-labelledby="backup-notice-title backup-notice-text">
        <span className="notice__icon" aria-hidden="true">
          <svg width="18" height="18" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
            <path d="M12 3v12" />
            <path d="M7 10l5 5 5-5" />
            <path d="M4 19h16" />
          </svg>
        </span>
        <div className="notice__body">
          <p className="notice__title" id="backup-notice-title">
            {failure ? t('backup.notice.autoFailed') : t('backup.notice.title')}
          </p>
          <p className="notice__text" id="backup-notice-text">
            {text}
          </p>
        </div>
        <div className="notice__actions">
          {data?.folder && !failure ? (
            <Button variant="secondary" pending={create.isPending} onClick={() => create.mutate({})}>
              {t('backup.notice.backUpNow')}
            </Button>
          ) : null}
          <Button variant={data?.folder && !failure ? 'link' : 'secondary'} onClick={onOpenSettings}>
            {t('backup.notice.settings')}
          </Button>
          <button type="button" className="notice__close" aria-label={t('backup.notice.dismiss')} onClick={() => setDismissed(true)}>
            ×
          </button>
        </div>
      </div>
    </div>
  );
}
