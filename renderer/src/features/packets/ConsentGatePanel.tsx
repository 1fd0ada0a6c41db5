import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { ConsentGate } from '../../../../shared/ipc/packets-contract';
import { Button } from '../../components/Button';
import { TextArea } from '../../components/TextArea';
import { formatDay } from '../history/record-format';
import { purposeSummary } from '../consent/purpose-labels';

interface ConsentGatePanelProps {
  gate: ConsentGate;
  reason: string;
  onReasonChange: (reason: string) => void;
  /** The one-click way out of a block: record the client's consent for this referral. */
  onRecordConsent: () => void;
}

const ICON = { consent: '✓', override: '!', blocked: '×' } as const;

/**
 * Green when a consent covers this packet; red when none does (with the
 * service's explanation); amber once a written reason overrides it. The
 * reason box stays in place between red and amber so typing is never
 * interrupted.
 */
export function ConsentGatePanel({ gate, reason, onReasonChange, onRecordConsent }: ConsentGatePanelProps) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className={`packet-gate packet-gate--${gate.state}`} aria-labelledby={titleId}>
      <h3 className="packet-choice__title" id={titleId}>
        {t('packets.gate.title')}
      </h3>
      <div className="packet-gate__status">
        <span className="packet-gate__icon" aria-hidden="true">
          {ICON[gate.state]}
        </span>
        <div className="packet-gate__body">
          <GateText gate={gate} />
        </div>
      </div>
      {gate.state !== 'consent' ? (
        <div className="packet-gate__actions">
          <Button variant="primary" onClick={onRecordConsent}>
            {t('packets.gate.recordConsent')}
          </Button>
          <p className="muted small">{t('packets.gate.recordConsentHint')}</p>
        </div>
      ) : null}
      {gate.state !== 'consent' ? (
        <TextArea
          label={t('packets.gate.reasonLabel')}
          description={t('packets.gate.reasonHint')}
          rows={3}
          maxLength={2000}
          value={reason}
          onChange={(event) => onReasonChange(event.target.value)}
        />
      ) : null}
    </section>
  );
}

function GateText({ gate }: { gate: ConsentGate }) {
  const { t } = useTranslation();
  switch (gate.state) {
    case 'consent': {
      const c = gate.consent;
      return (
        <>
          <p className="packet-gate__title">{t('packets.gate.consentTitle')}</p>
          <p>
            {t('packets.gate.consentGiven', {
              date: formatDay(c.givenOn),
              how: t(`consent.obtained.${c.obtainedHow}`),
              recipient: c.recipientOrg || t(`recipientTypes.${c.recipientType}`),
            })}{' '}
            <span dir="auto">“{purposeSummary(t, c.purposeIds, c.purposeDetail)}”</span>
          </p>
          <p className="small">
            {[t(`consent.identity.${c.scopeIdentity}`), c.scopeEvidence ? t('consent.evidenceYes') : t('consent.evidenceNo'), c.expiresOn ? t('packets.gate.expires', { date: formatDay(c.expiresOn) }) : t('consent.noExpiry')].join(' · ')}
          </p>
        </>
      );
    }
    case 'override':
      return (
        <>
          <p className="packet-gate__title">{t('packets.gate.overrideTitle')}</p>
          <p>{t('packets.gate.overrideBody')}</p>
        </>
      );
    case 'blocked':
      return (
        <>
          <p className="packet-gate__title">{t('packets.gate.blockedTitle')}</p>
          <p dir="auto">{gate.message}</p>
        </>
      );
    default: {
      const unreachable: never = gate;
      return unreachable;
    }
  }
}
