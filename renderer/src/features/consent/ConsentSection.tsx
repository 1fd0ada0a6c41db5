import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, ConsentDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { Fact } from '../history/Fact';
import { formatDay } from '../history/record-format';
import { ConsentForm } from './ConsentForm';
import { purposeName } from './purpose-labels';
import { useConsents } from './queries';
import { WithdrawConsentDialog } from './WithdrawConsentDialog';
import '../../styles/sections.css';

const STATE_TONE = { valid: 'success', expired: 'warning', withdrawn: 'neutral' } as const;

export function ConsentSection({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const list = useConsents(caseFile.id);
  const [adding, setAdding] = useState(false);
  const [withdrawing, setWithdrawing] = useState<ConsentDto | null>(null);
  const items = list.data ?? [];

  return (
    <div className="stack stack--lg records-section">
      <Card title={t('consent.title')} description={t('consent.description')}>
        <div className="stack stack--md">
          {adding ? (
            <ConsentForm caseId={caseFile.id} onDone={() => setAdding(false)} />
          ) : (
            <div>
              <Button variant="primary" onClick={() => setAdding(true)}>
                {t('consent.new')}
              </Button>
            </div>
          )}
          <ErrorAlert error={list.isError ? asAppError(list.error) : null} />
          {list.isPending ? <p className="muted">{t('common.loading')}</p> : null}
          {list.data && items.length === 0 ? (
            <EmptyState title={t('consent.emptyTitle')}>
              <p>{t('consent.emptyBody')}</p>
            </EmptyState>
          ) : null}
          {items.length > 0 ? (
            <ul className="record-list" aria-label={t('consent.title')}>
              {items.map((consent) => {
                const recipient = consent.recipientOrg || t(`recipientTypes.${consent.recipientType}`);
                return (
                  <li key={consent.id} className={`record record--consent-${consent.state}`} aria-labelledby={`consent-${consent.id}`}>
                    <div className="record__head">
                      <h3 className="record__title" id={`consent-${consent.id}`}>
                        <span dir="auto">{recipient}</span>
                        <span className="record__kicker">{t(`recipientTypes.${consent.recipientType}`)}</span>
                      </h3>
                      <div className="record__actions">
                        <span className={`rec-badge rec-badge--${STATE_TONE[consent.state]}`}>{t(`consent.states.${consent.state}`)}</span>
                        {consent.state !== 'withdrawn' ? (
                          <Button variant="ghost" onClick={() => setWithdrawing(consent)} aria-label={t('consent.withdrawNamed', { recipient })}>
                            {t('consent.withdraw')}
                          </Button>
                        ) : null}
                      </div>
                    </div>
                    <ul className="record__purposes" aria-label={t('consent.fields.purposes')}>
                      {consent.purposeIds.map((id) => (
                        <li key={id} className="rec-badge rec-badge--neutral">
                          {purposeName(t, id)}
                        </li>
                      ))}
                    </ul>
                    {consent.purposeDetail ? (
                      <p className="record__text" dir="auto">
                        {consent.purposeDetail}
                      </p>
                    ) : null}
                    <dl className="record__facts">
                      <Fact label={t('consent.fields.scopeIdentity')}>{t(`consent.identity.${consent.scopeIdentity}`)}</Fact>
                      <Fact label={t('consent.fields.scopeEvidenceShort')}>{consent.scopeEvidence ? t('consent.evidenceYes') : t('consent.evidenceNo')}</Fact>
                      <Fact label={t('consent.fields.obtainedHow')}>{t(`consent.obtained.${consent.obtainedHow}`)}</Fact>
                      <Fact label={t('consent.fields.recordedBy')}>
                        <span dir="auto">{consent.recordedBy}</span>
                      </Fact>
                      <Fact label={t('consent.fields.givenOn')}>{formatDay(consent.givenOn)}</Fact>
                      <Fact label={t('consent.fields.expiresOn')}>{consent.expiresOn ? formatDay(consent.expiresOn) : t('consent.noExpiry')}</Fact>
                      {consent.withdrawnOn ? (
                        <Fact label={t('consent.fields.withdrawnOn')} wide>
                          {formatDay(consent.withdrawnOn)}
                          {consent.withdrawalNote ? (
                            <>
                              {' — '}
                              <span dir="auto">{consent.withdrawalNote}</span>
                            </>
                          ) : null}
                        </Fact>
                      ) : null}
                    </dl>
                  </li>
                );
              })}
            </ul>
          ) : null}
        </div>
      </Card>
      {withdrawing ? <WithdrawConsentDialog key={withdrawing.id} consent={withdrawing} onClose={() => setWithdrawing(null)} /> : null}
    </div>
  );
}
