import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { formatDateTime } from '../../lib/format';
import { vaultNameOf } from '../../lib/paths';
import { useForgetRecent, useRecentVaults } from '../vault/queries';

/** Paths and times only: the list lives outside any vault and shows nothing from inside one. */
export function RecentVaultsList({ onOpen }: { onOpen: (path: string) => void }) {
  const { t } = useTranslation();
  const recent = useRecentVaults();
  const forget = useForgetRecent();

  if (recent.isPending) return <p className="muted">{t('common.loading')}</p>;
  if (recent.isError) return <ErrorAlert error={asAppError(recent.error)} />;
  if (recent.data.length === 0) return <p className="muted">{t('welcome.recent.empty')}</p>;

  return (
    <>
      <ErrorAlert error={forget.isError ? asAppError(forget.error) : null} />
      <ul className="recent-list">
        {recent.data.map((vault) => (
          <li key={vault.path} className="recent-list__item">
            <div className="recent-list__text">
              <span className="recent-list__name">{vaultNameOf(vault.path)}</span>
              <span className="recent-list__path">{vault.path}</span>
              <span className="recent-list__time">
                {t('welcome.recent.lastOpened')} <time dateTime={vault.lastOpenedAt}>{formatDateTime(vault.lastOpenedAt)}</time>
              </span>
            </div>
            <div className="recent-list__actions">
              <Button variant="secondary" aria-label={t('welcome.recent.openLabel', { path: vault.path })} onClick={() => onOpen(vault.path)}>
                {t('welcome.recent.open')}
              </Button>
              <Button
                variant="ghost"
                aria-label={t('welcome.recent.forgetLabel', { path: vault.path })}
                disabled={forget.isPending}
                onClick={() => forget.mutate(vault.path)}
              >
                {t('welcome.recent.forget')}
              </Button>
            </div>
          </li>
        ))}
      </ul>
      <p className="muted small">{t('welcome.recent.forgetHint')}</p>
    </>
  );
}
