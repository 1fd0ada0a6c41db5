import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_STATUSES, type ReferralStatus } from '../../../../shared/domain/enums';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { asAppError } from '../../lib/api';
import { useReferralPage } from '../case-referrals/queries';
import { FollowUp, ReferralStatusBadge } from '../case-referrals/ReferralBits';
import { formatDay } from '../history/record-format';
import { ReferralPacketActions } from '../packets/ReferralPackets';
import '../../styles/sections.css';

const PAGE_SIZE = 50;

/** Every referral across cases, overdue follow-ups first (as the service sorts), 50 to a page. */
export function ReferralsPage({ onOpenCase }: { onOpenCase: (caseId: string) => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ReferralStatus | ''>('');
  const [page, setPage] = useState(0);
  const query = useReferralPage(status === '' ? [] : [status], page * PAGE_SIZE, PAGE_SIZE);
  const items = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  const overdue = items.filter((item) => item.followUpOverdue).length;

  return (
    <div className="page referrals-page">
      <header className="page__header">
        <h1 className="page__title">{t('referralsPage.title')}</h1>
        <p className="page__lead">{t('referralsPage.lead')}</p>
      </header>
      <div className="toolbar">
        <Select
          className="field--medium"
          label={t('referralsPage.filterStatus')}
          value={status}
          onChange={(event) => {
            setStatus(event.target.value as ReferralStatus | '');
            setPage(0);
          }}
          options={[{ value: '', label: t('referralsPage.allStatuses') }, ...REFERRAL_STATUSES.map((s) => ({ value: s, label: t(`referralStatuses.${s}`) }))]}
        />
        <p className="toolbar__count muted" role="status">
          {query.data ? t('referralsPage.count', { count: total }) : ''}
          {overdue > 0 ? ` · ${t('referralsPage.overdueOnPage', { count: overdue })}` : ''}
        </p>
      </div>
      <ErrorAlert error={query.isError ? asAppError(query.error) : null} />
      {query.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      {query.data && total === 0 ? (
        <EmptyState title={status === '' ? t('referralsPage.emptyTitle') : t('referralsPage.emptyFiltered')}>
          <p>{t('referralsPage.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {items.length > 0 ? (
        <div className="table-wrap">
          <table className="data-table">
            <caption className="visually-hidden">{t('referralsPage.title')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('referralsPage.case')}</th>
                <th scope="col">{t('referralsPage.recipient')}</th>
                <th scope="col">{t('referrals.fields.status')}</th>
                <th scope="col">{t('referrals.fields.sentOn')}</th>
                <th scope="col">{t('referrals.fields.followUpOn')}</th>
                <th scope="col">{t('packets.column')}</th>
              </tr>
            </thead>
            <tbody>
              {items.map((referral) => (
                <tr key={referral.id} className={referral.followUpOverdue ? 'data-table__row--overdue' : undefined}>
                  <td>
                    <Button variant="link" className="mono" onClick={() => onOpenCase(referral.caseId)} aria-label={t('referralsPage.openCase', { code: referral.caseCode })}>
                      {referral.caseCode}
                    </Button>
                  </td>
                  <td>
                    <span className="cell-main" dir="auto">
                      {referral.recipientOrg}
                    </span>
                    <span className="cell-sub">{t(`recipientTypes.${referral.recipientType}`)}</span>
                  </td>
                  <td>
                    <ReferralStatusBadge referral={referral} />
                  </td>
                  <td>{referral.sentOn ? formatDay(referral.sentOn) : '—'}</td>
                  <td>
                    <FollowUp referral={referral} />
                  </td>
                  <td>
                    <ReferralPacketActions referral={referral} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {pages > 1 ? (
        <nav className="pager" aria-label={t('referralsPage.pages')}>
          <Button variant="secondary" disabled={page === 0} onClick={() => setPage((p) => p - 1)}>
            {t('referralsPage.previous')}
          </Button>
          <span className="muted">{t('referralsPage.pageOf', { page: page + 1, pages })}</span>
          <Button variant="secondary" disabled={page + 1 >= pages} onClick={() => setPage((p) => p + 1)}>
            {t('referralsPage.next')}
          </Button>
        </nav>
      ) : null}
    </div>
  );
}
