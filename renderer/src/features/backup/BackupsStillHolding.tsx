import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { useDeleteBackup, useSignedBackups } from './queries';

/**
 * Erasing a case cannot reach into backups made before: this lists them (this
 * vault's own, signature-checked, from its backup folder) with their dates,
 * and lets the caseworker delete each one, after a second click.
 */
export function BackupsStillHolding({ active }: { active: boolean }) {
  const { t } = useTranslation();
  const backups = useSignedBackups(active);
  const remove = useDeleteBackup();
  const [confirming, setConfirming] = useState<string | null>(null);
  const items = backups.data?.items ?? [];
  if (!backups.isSuccess || items.length === 0) return null;

  return (
    <Alert tone="warning" title={t('caseErase.backupsTitle', { count: items.length })}>
      <p>{t('caseErase.backupsBody', { folder: backups.data.folder })}</p>
      <ul className="erase-backups" aria-label={t('caseErase.backupsListLabel')}>
        {items.map((item) => (
          <li key={item.path} className="erase-backups__item">
            <span className="erase-backups__what">
              <span className="erase-backups__when">{formatDateTime(item.createdAt)}</span>
              <span className="erase-backups__file">{item.fileName}</span>
            </span>
            {confirming === item.path ? (
              <span className="erase-backups__actions">
                <Button variant="danger" pending={remove.isPending} onClick={() => remove.mutate(item.path, { onSuccess: () => setConfirming(null) })}>
                  {t('caseErase.backupDeleteConfirm')}
                </Button>
                <Button variant="secondary" onClick={() => setConfirming(null)}>
                  {t('caseErase.backupKeep')}
                </Button>
              </span>
            ) : (
              <Button variant="secondary" aria-label={t('caseErase.backupDeleteLabel', { when: formatDateTime(item.createdAt) })} onClick={() => setConfirming(item.path)}>
                {t('caseErase.backupDelete')}
              </Button>
            )}
          </li>
        ))}
      </ul>
      <ErrorAlert error={remove.isError ? asAppError(remove.error) : null} />
    </Alert>
  );
}
