import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useRiskSuggestions } from './queries';
import { RiskSuggestionItem } from './RiskSuggestionItem';
import '../../styles/insights.css';

/** Above the case tabs: rules that suggest raising this case's risk, each to accept or dismiss. */
export function RiskSuggestions({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  const query = useRiskSuggestions(caseId);
  const [confirmation, setConfirmation] = useState<string | null>(null);
  const suggestions = query.data ?? [];

  return (
    <>
      <div className="live-slot" role="status">
        {confirmation ? <Alert tone="success">{confirmation}</Alert> : null}
      </div>
      {query.isError ? <ErrorAlert error={asAppError(query.error)} /> : null}
      {suggestions.length > 0 ? (
        <section className="risk-banner" aria-labelledby={`risk-banner-${caseId}`}>
          <h2 className="risk-banner__title" id={`risk-banner-${caseId}`}>
            <span className="risk-banner__icon" aria-hidden="true">
              !
            </span>
            {t('riskSignals.bannerTitle', { count: suggestions.length })}
          </h2>
          <ul className="risk-suggestions">
            {suggestions.map((suggestion) => (
              <RiskSuggestionItem
                key={`${suggestion.ruleId}:${suggestion.signature}`}
                suggestion={suggestion}
                onDecided={(decision, decided) =>
                  setConfirmation(decision === 'accept' ? t('riskSignals.accepted', { level: t(`enums.risk.${decided.suggestedRisk}`) }) : t('riskSignals.dismissed'))
                }
              />
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}
