import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { REFERRAL_OUTCOMES, REFERRAL_TRANSITIONS, type ReferralOutcome, type ReferralStatus } from '../../../../shared/domain/enums';
import type { ReferralDto } from '../../../../shared/domain/records';
import type { AppError } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { ConflictNotice, type ConflictField } from '../../components/ConflictNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { asAppError, invoke } from '../../lib/api';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { useUpdateReferral } from './queries';

/** Offers only the statuses this referral may move to next, and an outcome when closing. */
export function ReferralStatusControl({ referral }: { referral: ReferralDto }) {
  const { t } = useTranslation();
  const groupId = useId();
  const allowed = REFERRAL_TRANSITIONS[referral.status];
  const [target, setTarget] = useState<ReferralStatus | ''>('');
  const [outcome, setOutcome] = useState<ReferralOutcome | ''>('');
  const [error, setError] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState<{ message: string; fields: ConflictField[] } | null>(null);
  const update = useUpdateReferral(referral.caseId);
  useUnsavedChanges(target !== '');

  const move = async () => {
    if (target === '') return;
    setError(null);
    try {
      await update.mutateAsync({
        id: referral.id,
        version: referral.version,
        patch: { status: target, ...(target === 'closed' ? { outcome: outcome === '' ? null : outcome } : {}) },
      });
      setTarget('');
      setOutcome('');
    } catch (caught) {
      const appError = asAppError(caught);
      if (appError.code !== 'CONFLICT') return setError(appError);
      const current = (await invoke('referrals:list', { caseId: referral.caseId, limit: 500 })).items.find((item) => item.id === referral.id);
      setConflict({
        message: appError.message,
        fields: current && current.status !== referral.status ? [{ label: t('referrals.fields.status'), mine: t(`referralStatuses.${target}`), theirs: t(`referralStatuses.${current.status}`) }] : [],
      });
    }
  };

  return (
    <div className="status-control" role="group" aria-labelledby={groupId}>
      <span id={groupId} className="visually-hidden">
        {t('referrals.statusControl', { org: referral.recipientOrg })}
      </span>
      {conflict ? (
        <ConflictNotice
          message={conflict.message}
          fields={conflict.fields}
          onUseCurrent={() => {
            setConflict(null);
            setTarget('');
          }}
        />
      ) : null}
      <div className="status-control__row">
        <Select
          label={t('referrals.moveTo')}
          value={target}
          onChange={(event) => setTarget(event.target.value as ReferralStatus | '')}
          options={[{ value: '', label: t('referrals.chooseStatus') }, ...allowed.map((status) => ({ value: status, label: t(`referralStatuses.${status}`) }))]}
        />
        {target === 'closed' ? (
          <Select
            label={t('referrals.fields.outcome')}
            value={outcome}
            onChange={(event) => setOutcome(event.target.value as ReferralOutcome | '')}
            options={[{ value: '', label: t('referrals.outcomeNotRecorded') }, ...REFERRAL_OUTCOMES.map((o) => ({ value: o, label: t(`referralOutcomes.${o}`) }))]}
          />
        ) : null}
        <Button variant="secondary" disabled={target === ''} pending={update.isPending} onClick={() => void move()}>
          {t('referrals.changeStatus')}
        </Button>
      </div>
      {target === 'sent' && !referral.sentOn ? <p className="muted small">{t('referrals.sentTodayHint')}</p> : null}
      <ErrorAlert error={error} />
    </div>
  );
}
