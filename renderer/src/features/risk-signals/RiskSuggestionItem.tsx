import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskSuggestion } from '../../../../shared/ipc/insights-contract';
import { Button } from '../../components/Button';
import { RiskBadge } from '../cases/labels';
import { RiskDecisionDialog, type RiskDecision } from './RiskDecisionDialog';

interface RiskSuggestionItemProps {
  suggestion: RiskSuggestion;
  /** Shown on the dashboard: a link to the case. Not needed on the case page itself. */
  onOpenCase?: (caseId: string) => void;
  onDecided: (decision: RiskDecision, suggestion: RiskSuggestion) => void;
}

/** One suggestion: why, the change it proposes, and Accept / Dismiss. */
export function RiskSuggestionItem({ suggestion, onOpenCase, onDecided }: RiskSuggestionItemProps) {
  const { t } = useTranslation();
  const [decision, setDecision] = useState<RiskDecision | null>(null);
  const level = t(`enums.risk.${suggestion.suggestedRisk}`);

  return (
    <li className="risk-suggestion">
      <div className="risk-suggestion__text">
        {onOpenCase ? (
          <Button variant="link" className="mono" aria-label={t('dashboard.openCase', { code: suggestion.caseCode })} onClick={() => onOpenCase(suggestion.caseId)}>
            {suggestion.caseCode}
          </Button>
        ) : null}
        <p className="risk-suggestion__reason" dir="auto">
          {suggestion.reason}
        </p>
        <p className="risk-suggestion__change">
          <RiskBadge level={suggestion.currentRisk} />
          <span aria-hidden="true">→</span>
          <RiskBadge level={suggestion.suggestedRisk} />
        </p>
      </div>
      <div className="risk-suggestion__actions">
        <Button variant="primary" onClick={() => setDecision('accept')}>
          {t('riskSignals.accept', { level })}
        </Button>
        <Button variant="secondary" onClick={() => setDecision('dismiss')}>
          {t('riskSignals.dismiss')}
        </Button>
      </div>
      <RiskDecisionDialog
        suggestion={suggestion}
        decision={decision}
        onClose={() => setDecision(null)}
        onDecided={(decided) => {
          setDecision(null);
          onDecided(decided, suggestion);
        }}
      />
    </li>
  );
}
