import { useTranslation } from 'react-i18next';
import type { BackupListItem } from '../../../../shared/ipc/backup-contract';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { formatBytes } from '../history/record-format';
import { useBackupList } from './queries';

/** The `.ckbackup` files in the backup folder, newest first, read from their unencrypted metadata only. */
export function BackupList({ folder }: { folder: string }) {
  const { t } = useTranslation();
  const list = useBackupList(folder);
  const items = list.data?.items ?? [];

  return (
    <section className="stack stack--md" aria-labelledby="backup-list-title">
      <div className="backup-list__header">
        <h3 className="backup-list__title" id="backup-list-title">
          {t('backup.list.title')}
        </h3>
        <Button variant="link" pending={list.isFetching} onClick={() => void list.refetch()}>
          {t('backup.list.refresh')}
        </Button>
      </div>
      <ErrorAlert error={list.isError ? asAppError(list.error) : null} />
      {list.isSuccess && items.length === 0 ? <p className="muted">{t('backup.list.empty')}</p> : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('backup.list.caption', { folder })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('backup.list.made')}</th>
                <th scope="col">{t('backup.list.kind')}</th>
                <th scope="col">{t('backup.list.size')}</th>
                <th scope="col">{t('backup.list.file')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((item) => (
                <tr key={item.path}>
                  <td className="nowrap">{item.createdAt ? formatDateTime(item.createdAt) : '–'}</td>
                  <td>{describe(item, t)}</td>
                  <td className="nowrap">{formatBytes(item.bytes)}</td>
                  <td className="backup-path">{item.fileName}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

function describe(item: BackupListItem, t: (key: string, options?: Record<string, unknown>) => string): string {
  switch (item.state) {
    case 'damaged':
      return t('backup.list.damaged');
    case 'newer':
      return t('backup.list.newer');
    case 'ok': {
      const kind = item.kind ? t(`backup.kinds.${item.kind}`) : '–';
      return item.thisVault ? kind : `${kind}, ${t('backup.list.otherVault', { name: item.vaultName ?? '?' })}`;
    }
    default: {
      const unreachable: never = item.state;
      return unreachable;
    }
  }
}
