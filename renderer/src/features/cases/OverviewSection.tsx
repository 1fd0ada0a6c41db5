import { useTranslation } from 'react-i18next';
import type { CaseDto } from '../../../../shared/domain/records';
import { Card } from '../../components/Card';
import { formatDateTime } from '../../lib/format';
import { CaseFieldsForm } from './CaseFieldsForm';
import { ClientCard } from './ClientCard';
import { RiskBadge } from './labels';

export function OverviewSection({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const history = [...caseFile.riskHistory].sort((a, b) => b.changedAt.localeCompare(a.changedAt));
  return (
    <div className="stack stack--lg">
      <ClientCard caseFile={caseFile} />
      <CaseFieldsForm caseFile={caseFile} />
      <Card title={t('caseOverview.riskHistory')} description={t('caseOverview.riskHistoryHint')}>
        {history.length === 0 ? (
          <p className="muted">{t('caseOverview.noRiskHistory')}</p>
        ) : (
          <ol className="risk-history">
            {history.map((entry, index) => (
              <li key={`${entry.changedAt}-${index}`} className="risk-history__item">
                <time className="risk-history__when" dateTime={entry.changedAt}>
                  {formatDateTime(entry.changedAt)}
                </time>
                <RiskBadge level={entry.riskLevel} />
                <span className="risk-history__who" dir="auto">
                  {entry.changedBy}
                </span>
                {entry.reason ? (
                  <span className="risk-history__reason" dir="auto">
                    {entry.reason}
                  </span>
                ) : null}
              </li>
            ))}
          </ol>
        )}
      </Card>
    </div>
  );
}
