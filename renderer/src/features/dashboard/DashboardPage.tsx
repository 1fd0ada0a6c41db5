import { NameList } from '../../components/NameList';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../../../shared/ipc/insights-contract';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError, invoke } from '../../lib/api';
import type { CaseTab } from '../cases/CaseTabs';
import { formatDay, RiskBadge, tacticLabel } from '../cases/labels';
import { casesKey } from '../cases/queries';
import { RiskSuggestionItem } from '../risk-signals/RiskSuggestionItem';
import { purposeName } from '../consent/purpose-labels';
import { useSettings } from '../settings/queries';
import { DashboardItem, DashboardSection } from './DashboardSection';
import { useDashboard } from './queries';
import '../../styles/sections.css';
import '../../styles/insights.css';

type OpenCase = (caseId: string, tab?: CaseTab) => void;

/** What needs attention today: every item opens its record. */
export function DashboardPage({ onOpenCase }: { onOpenCase: OpenCase }) {
  const { t } = useTranslation();
  const query = useDashboard();
  // A vault without any case has nothing to summarise: one honest empty state instead of eight.
  const anyCase = useQuery({
    queryKey: [...casesKey, 'dashboard:any'],
    queryFn: () => invoke('cases:list', { archived: 'include', limit: 1 }),
    select: (page) => page.total > 0,
  });
  const empty = anyCase.data === false;

  return (
    <div className="page page--wide">
      <header className="page__header page__header--actions">
        <div>
          <h1 className="page__title">{t('dashboard.title')}</h1>
          {query.data && !empty ? <p className="page__lead">{t('dashboard.lead', { date: formatDay(query.data.today) })}</p> : null}
        </div>
        {empty ? null : (
          <Button variant="secondary" pending={query.isFetching && !query.isPending} onClick={() => void query.refetch()}>
            {t('dashboard.refresh')}
          </Button>
        )}
      </header>
      <ErrorAlert error={query.isError ? asAppError(query.error) : null} />
      {query.isPending || anyCase.isPending ? <p className="muted">{t('common.loading')}</p> : null}
      {empty ? (
        <EmptyState title={t('sections.dashboard.emptyTitle')}>
          <p>{t('sections.dashboard.emptyBody')}</p>
        </EmptyState>
      ) : null}
      {query.data && anyCase.data === true ? <DashboardSections data={query.data} onOpenCase={onOpenCase} /> : null}
    </div>
  );
}

function DashboardSections({ data, onOpenCase }: { data: Dashboard; onOpenCase: OpenCase }) {
  const { t } = useTranslation();
  const settings = useSettings();
  const [decided, setDecided] = useState<string | null>(null);
  const waitDays = settings.data?.referralWaitDays;
  const s = (key: string) => t(`dashboard.sections.${key}.title`);
  const empty = (key: string) => t(`dashboard.sections.${key}.empty`);
  const code = (value: string) => <span className="mono">{value}</span>;

  return (
    <div className="stack stack--lg">
      <div className="live-slot" role="status">
        {decided ? <Alert tone="success">{decided}</Alert> : null}
      </div>
      <div className="dash-grid">
        <DashboardSection title={s('overdueTasks')} count={data.overdueTasks.length} empty={empty('overdueTasks')} tone="danger">
          {data.overdueTasks.map((task) => (
            <DashboardItem key={task.id} main={task.title} meta={<>{code(task.caseCode)} · {task.dueOn === data.today ? t('dashboard.dueToday') : t('dashboard.due', { date: formatDay(task.dueOn) })}</>} onOpen={() => onOpenCase(task.caseId, 'tasks')} />
          ))}
        </DashboardSection>
        <DashboardSection title={s('upcomingTasks')} count={data.upcomingTasks.length} empty={empty('upcomingTasks')}>
          {data.upcomingTasks.map((task) => (
            <DashboardItem key={task.id} main={task.title} meta={<>{code(task.caseCode)} · {task.dueOn === data.today ? t('dashboard.dueToday') : t('dashboard.due', { date: formatDay(task.dueOn) })}</>} onOpen={() => onOpenCase(task.caseId, 'tasks')} />
          ))}
        </DashboardSection>
        <DashboardSection title={s('overdueFollowUps')} count={data.overdueFollowUps.length} empty={empty('overdueFollowUps')} tone="danger">
          {data.overdueFollowUps.map((referral) => (
            <DashboardItem
              key={referral.id}
              main={referral.recipientOrg}
              meta={<>{code(referral.caseCode)} · {t(`recipientTypes.${referral.recipientType}`)} · {t('dashboard.followUp', { date: formatDay(referral.followUpOn) })}</>}
              onOpen={() => onOpenCase(referral.caseId, 'referrals')}
            />
          ))}
        </DashboardSection>
        <DashboardSection title={s('upcomingFollowUps')} count={data.upcomingFollowUps.length} empty={empty('upcomingFollowUps')}>
          {data.upcomingFollowUps.map((referral) => (
            <DashboardItem
              key={referral.id}
              main={referral.recipientOrg}
              meta={<>{code(referral.caseCode)} · {t(`recipientTypes.${referral.recipientType}`)} · {t('dashboard.followUp', { date: formatDay(referral.followUpOn) })}</>}
              onOpen={() => onOpenCase(referral.caseId, 'referrals')}
            />
          ))}
        </DashboardSection>
        <DashboardSection title={s('riskSuggestions')} count={data.riskSuggestions.length} empty={empty('riskSuggestions')} tone="warning" wide>
          {data.riskSuggestions.map((suggestion) => (
            <RiskSuggestionItem
              key={`${suggestion.caseId}:${suggestion.ruleId}:${suggestion.signature}`}
              suggestion={suggestion}
              onOpenCase={(caseId) => onOpenCase(caseId, 'overview')}
              onDecided={(decision, item) =>
                setDecided(
                  decision === 'accept'
                    ? `${item.caseCode}: ${t('riskSignals.accepted', { level: t(`enums.risk.${item.suggestedRisk}`) })}`
                    : `${item.caseCode}: ${t('riskSignals.dismissed')}`,
                )
              }
            />
          ))}
        </DashboardSection>
        <DashboardSection title={s('highRiskCases')} count={data.highRiskCases.length} empty={empty('highRiskCases')} tone="warning">
          {data.highRiskCases.map((item) => (
            <DashboardItem
              key={item.id}
              main={item.clientName}
              meta={
                <>
                  {code(item.code)}
                  {item.clientOriginalNames.length > 0 ? (
                    <>
                      {' · '}
                      <NameList names={item.clientOriginalNames} />
                    </>
                  ) : null}
                </>
              }
              aside={<RiskBadge level={item.riskLevel} />}
              onOpen={() => onOpenCase(item.id, 'overview')}
            />
          ))}
        </DashboardSection>
        <DashboardSection title={s('recentThreats')} count={data.recentThreats.length} empty={empty('recentThreats')}>
          {data.recentThreats.map((threat) => (
            <DashboardItem
              key={threat.id}
              main={threat.tacticId === 'other.other' && threat.tacticOther ? threat.tacticOther : tacticLabel(t, threat.tacticId)}
              meta={
                <>
                  {code(threat.caseCode)} · {formatDay(threat.occurredFrom)}
                  {threat.country ? ` · ${threat.country}` : ''} · {t(`enums.channel.${threat.channel}`)}
                </>
              }
              onOpen={() => onOpenCase(threat.caseId, 'threats')}
            />
          ))}
        </DashboardSection>
        <DashboardSection
          title={s('waitingReferrals')}
          count={data.waitingReferrals.length}
          empty={waitDays ? t('dashboard.sections.waitingReferrals.empty', { count: waitDays }) : t('dashboard.sections.waitingReferrals.emptyNoSetting')}
          tone="warning"
        >
          {data.waitingReferrals.map((referral) => (
            <DashboardItem
              key={referral.id}
              main={referral.recipientOrg}
              meta={
                <>
                  {code(referral.caseCode)} · {t(`recipientTypes.${referral.recipientType}`)}
                  {referral.sentOn ? ` · ${t('dashboard.sentOn', { date: formatDay(referral.sentOn) })}` : ''}
                </>
              }
              aside={<span className="dash-days">{t('dashboard.daysWaiting', { count: referral.daysWaiting })}</span>}
              onOpen={() => onOpenCase(referral.caseId, 'referrals')}
            />
          ))}
        </DashboardSection>
        <DashboardSection title={s('expiringConsents')} count={data.expiringConsents.length} empty={empty('expiringConsents')} tone="warning">
          {data.expiringConsents.map((consent) => (
            <DashboardItem
              key={consent.id}
              main={consent.recipientOrg || t(`recipientTypes.${consent.recipientType}`)}
              meta={
                <>
                  {code(consent.caseCode)}
                  {consent.recipientOrg ? ` · ${t(`recipientTypes.${consent.recipientType}`)}` : ''} · {consent.purposeIds.map((id) => purposeName(t, id)).join('; ')}
                </>
              }
              aside={
                <span className="dash-days">
                  {consent.daysLeft === 0 ? t('dashboard.expiresToday') : t('dashboard.expiresIn', { count: consent.daysLeft, date: formatDay(consent.expiresOn) })}
                </span>
              }
              onOpen={() => onOpenCase(consent.caseId, 'consent')}
            />
          ))}
        </DashboardSection>
      </div>
    </div>
  );
}
