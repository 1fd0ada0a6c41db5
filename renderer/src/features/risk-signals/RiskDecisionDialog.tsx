import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RiskSuggestion } from '../../../../shared/ipc/insights-contract';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextArea } from '../../components/TextArea';
import { asAppError } from '../../lib/api';
import { useDecideRiskSignal } from './queries';

export type RiskDecision = 'accept' | 'dismiss';

interface RiskDecisionDialogProps {
  suggestion: RiskSuggestion;
  decision: RiskDecision | null;
  onClose: () => void;
  onDecided: (decision: RiskDecision) => void;
}

/** Confirms an accept or a dismissal, with an optional note kept in the case history. */
export function RiskDecisionDialog({ suggestion, decision, onClose, onDecided }: RiskDecisionDialogProps) {
  const { t } = useTranslation();
  const decide = useDecideRiskSignal();
  const [note, setNote] = useState('');
  const level = (value: string) => t(`enums.risk.${value}`);

  const close = () => {
    decide.reset();
    setNote('');
    onClose();
  };

  const submit = () => {
    if (!decision) return;
    decide.mutate(
      { caseId: suggestion.caseId, ruleId: suggestion.ruleId, signature: suggestion.signature, decision, note: note.trim() },
      {
        onSuccess: () => {
          setNote('');
          onDecided(decision);
        },
      },
    );
  };

  return (
    <Dialog
      open={decision !== null}
      title={decision === 'accept' ? t('riskSignals.acceptTitle', { level: level(suggestion.suggestedRisk) }) : t('riskSignals.dismissTitle')}
      onClose={close}
      footer={
        <>
          <Button variant="secondary" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button variant={decision === 'accept' ? 'primary' : 'secondary'} pending={decide.isPending} onClick={submit}>
            {decision === 'accept' ? t('riskSignals.confirmAccept') : t('riskSignals.confirmDismiss')}
          </Button>
        </>
      }
    >
      <div className="stack stack--md">
        <p className="dialog__text" dir="auto">
          {suggestion.reason}
        </p>
        <p>
          {decision === 'accept'
            ? t('riskSignals.acceptBody', { code: suggestion.caseCode, from: level(suggestion.currentRisk), to: level(suggestion.suggestedRisk) })
            : t('riskSignals.dismissBody')}
        </p>
        <TextArea label={t('riskSignals.note')} description={t('riskSignals.noteHint')} rows={3} maxLength={1000} value={note} onChange={(event) => setNote(event.target.value)} />
        <ErrorAlert error={decide.isError ? asAppError(decide.error) : null} />
      </div>
    </Dialog>
  );
}
