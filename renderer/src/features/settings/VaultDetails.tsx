import { useTranslation } from 'react-i18next';
import type { VaultInfo } from '../../../../shared/ipc/contract';
import { Card } from '../../components/Card';
import { formatDateTime, formatMebibytes } from '../../lib/format';

export function VaultDetails({ info }: { info: VaultInfo }) {
  const { t } = useTranslation();
  const rows: Array<[string, string]> = [
    [t('settings.details.path'), info.path],
    [t('settings.details.schemaVersion'), String(info.schemaVersion)],
    [t('settings.details.formatVersion'), String(info.formatVersion)],
    [t('settings.details.cipher'), info.cipher],
    [
      t('settings.details.kdf'),
      t('settings.details.kdfValue', {
        memory: formatMebibytes(info.kdf.memoryKiB),
        count: info.kdf.iterations,
        parallelism: info.kdf.parallelism,
      }),
    ],
    [t('settings.details.createdAt'), formatDateTime(info.createdAt)],
  ];
  return (
    <Card title={t('settings.details.title')} description={t('settings.details.description')}>
      <dl className="details">
        {rows.map(([term, value]) => (
          <div className="details__row" key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
    </Card>
  );
}
