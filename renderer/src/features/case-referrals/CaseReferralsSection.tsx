import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, ReferralDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { Fact } from '../history/Fact';
import { formatDay } from '../history/record-format';
import { purposeName } from '../consent/purpose-labels';
import { useCaseReferrals } from './queries';
import { FollowUp, ReferralStatusBadge } from './ReferralBits';
import { ReferralForm } from './ReferralForm';
import { ReferralStatusControl } from './ReferralStatusControl';
import { LinkedThreats, useCaseThreats } from './threat-options';
import { ReferralPackets } from '../packets/ReferralPackets';
import '../../styles/sections.css';

export function CaseReferralsSection({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const list = useCaseReferrals(caseFile.id);
  const threats = useCaseThreats(caseFile.id);
  // null: no form; 'new': creating; otherwise the referral being edited.
  const [editing, setEditing] = useState<ReferralDto | 'new' | null>(null);
  const items = list.data?.items ?? [];

  return (
    <div className="stack stack--lg records-section">
      <Card
        title={t('referrals.caseTitle')}
        description={t('referrals.caseDescription')}
      >
        <div className="stack stack--md">
          {editing === null ? (
            <div>
              <Button variant="primary" onClick={() => setEditing('new')}>
                {t('referrals.new')}
              </Button>
            </div>
          ) : (
            <ReferralForm key={editing === 'new' ? 'new' : editing.id} caseFile={caseFile} referral={editing === 'new' ? null : editing} onDone={() => setEditing(null)} />
          )}
          <ErrorAlert error={list.isError ? asAppError(list.error) : null} />
          {list.isPending ? <p className="muted">{t('common.loading')}</p> : null}
          {list.data && items.length === 0 ? (
            <EmptyState title={t('referrals.emptyTitle')}>
              <p>{t('referrals.emptyBody')}</p>
            </EmptyState>
          ) : null}
          {items.length > 0 ? (
            <ul className="record-list" aria-label={t('referrals.caseTitle')}>
              {items.map((referral) => (
                <li key={referral.id} className={['record', referral.followUpOverdue ? 'record--overdue' : null].filter(Boolean).join(' ')} aria-labelledby={`referral-${referral.id}`}>
                  <div className="record__head">
                    <h3 className="record__title" id={`referral-${referral.id}`}>
                      <span dir="auto">{referral.recipientOrg}</span>
                      <span className="record__kicker">{t(`recipientTypes.${referral.recipientType}`)}</span>
                    </h3>
                    <div className="record__actions">
                      <ReferralStatusBadge referral={referral} />
                      <Button variant="ghost" onClick={() => setEditing(referral)} aria-label={t('referrals.editNamed', { org: referral.recipientOrg })}>
                        {t('records.edit')}
                      </Button>
                    </div>
                  </div>
                  {referral.purposeDetail ? (
                    <p className="record__text" dir="auto">
                      {referral.purposeDetail}
                    </p>
                  ) : null}
                  <dl className="record__facts">
                    <Fact label={t('referrals.fields.purpose')}>{purposeName(t, referral.purposeId)}</Fact>
                    <Fact label={t('referrals.fields.consent')}>{referral.consentId ? t('referrals.consentLinked') : t('referrals.consentNotLinked')}</Fact>
                    <Fact label={t('referrals.fields.referenceNumber')}>
                      <span dir="auto">{referral.referenceNumber || '—'}</span>
                    </Fact>
                    <Fact label={t('referrals.fields.sentOn')}>{referral.sentOn ? formatDay(referral.sentOn) : t('referrals.notSent')}</Fact>
                    <Fact label={t('referrals.fields.followUpOn')}>
                      <FollowUp referral={referral} />
                    </Fact>
                    <Fact label={t('referrals.fields.threats')} wide>
                      <LinkedThreats ids={referral.threatIds} threats={threats.data} />
                    </Fact>
                  </dl>
                  <ReferralStatusControl key={`${referral.id}-${referral.version}`} referral={referral} />
                  <ReferralPackets referral={referral} />
                </li>
              ))}
            </ul>
          ) : null}
        </div>
      </Card>
    </div>
  );
}
