import { useTranslation } from 'react-i18next';
import type { ReferralDto } from '../../../../shared/domain/records';
import { formatDay } from '../history/record-format';

export function ReferralStatusBadge({ referral }: { referral: ReferralDto }) {
  const { t } = useTranslation();
  return (
    <span className={`rec-badge rec-badge--status-${referral.status}`}>
      {t(`referralStatuses.${referral.status}`)}
      {referral.status === 'closed' && referral.outcome ? ` · ${t(`referralOutcomes.${referral.outcome}`)}` : ''}
    </span>
  );
}

/** The follow-up date; overdue is said in words (and marked), not by colour alone. */
export function FollowUp({ referral }: { referral: ReferralDto }) {
  const { t } = useTranslation();
  if (!referral.followUpOn) return <span className="muted">{t('referrals.noFollowUp')}</span>;
  return (
    <span className={referral.followUpOverdue ? 'overdue' : undefined}>
      {formatDay(referral.followUpOn)}
      {referral.followUpOverdue ? (
        <span className="rec-badge rec-badge--danger overdue__badge">
          <span aria-hidden="true">! </span>
          {t('referrals.overdue')}
        </span>
      ) : null}
    </span>
  );
}
