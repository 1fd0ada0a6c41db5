import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { PacketPreview } from '../../../../shared/ipc/packets-contract';
import { Button } from '../../components/Button';
import { Checkbox } from '../../components/Checkbox';
import { formatBytes, formatDay } from '../history/record-format';

type ThreatOption = PacketPreview['threats'][number];
type EvidenceOption = PacketPreview['evidence'][number];

function toggle(ids: readonly string[], id: string, on: boolean): string[] {
  return on ? [...ids.filter((x) => x !== id), id] : ids.filter((x) => x !== id);
}

interface ThreatChoicesProps {
  threats: readonly ThreatOption[];
  selected: readonly string[];
  onChange: (ids: string[]) => void;
}

/** The case's threats; the referral's linked ones start ticked. */
export function ThreatChoices({ threats, selected, onChange }: ThreatChoicesProps) {
  const { t } = useTranslation();
  const titleId = useId();
  const count = threats.filter((th) => selected.includes(th.id)).length;
  return (
    <fieldset className="packet-choice check-group" aria-describedby={`${titleId}-count`}>
      <legend className="packet-choice__title">{t('packets.threats.title')}</legend>
      <div className="packet-choice__bar">
        <p className="muted small" id={`${titleId}-count`}>
          {t('packets.threats.count', { count, total: threats.length })}
        </p>
        {threats.length > 0 ? (
          <div className="button-row packet-choice__bulk">
            <Button variant="link" disabled={count === threats.length} onClick={() => onChange(threats.map((th) => th.id))}>
              {t('packets.threats.all')}
            </Button>
            <Button variant="link" disabled={count === 0} onClick={() => onChange([])}>
              {t('packets.threats.none')}
            </Button>
          </div>
        ) : null}
      </div>
      {threats.length === 0 ? (
        <p className="muted small">{t('packets.threats.empty')}</p>
      ) : (
        <ul className="packet-checklist">
          {threats.map((threat) => (
            <li key={threat.id}>
              <label className="packet-checklist__item">
                <input type="checkbox" checked={selected.includes(threat.id)} onChange={(event) => onChange(toggle(selected, threat.id, event.target.checked))} />
                <span className="packet-checklist__text">
                  <span dir="auto">{threat.tactic}</span>
                  <span className="packet-checklist__sub">{formatDay(threat.occurredFrom)}</span>
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </fieldset>
  );
}

interface EvidenceChoicesProps {
  evidence: readonly EvidenceOption[];
  selected: readonly string[];
  asIs: readonly string[];
  onChange: (ids: string[]) => void;
  onAsIsChange: (ids: string[]) => void;
}

/**
 * Every evidence file of the case, with whether this profile and consent let
 * it go and why. A file that cannot be cleaned goes only with an explicit
 * "Include as is".
 */
export function EvidenceChoices({ evidence, selected, asIs, onChange, onAsIsChange }: EvidenceChoicesProps) {
  const { t } = useTranslation();
  const baseId = useId();
  const count = evidence.filter((e) => e.allowed && selected.includes(e.id)).length;
  return (
    <fieldset className="packet-choice check-group">
      <legend className="packet-choice__title">{t('packets.evidence.title')}</legend>
      <p className="muted small">{t('packets.evidence.count', { count, total: evidence.length })}</p>
      {evidence.length === 0 ? (
        <p className="muted small">{t('packets.evidence.empty')}</p>
      ) : (
        <ul className="packet-checklist">
          {evidence.map((e) => {
            const reasonId = `${baseId}-${e.id}-reason`;
            const checked = e.allowed && selected.includes(e.id);
            return (
              <li key={e.id} className={['packet-evidence-choice', e.allowed ? null : 'packet-evidence-choice--blocked'].filter(Boolean).join(' ')}>
                <label className="packet-checklist__item">
                  <input
                    type="checkbox"
                    checked={checked}
                    disabled={!e.allowed}
                    aria-describedby={reasonId}
                    onChange={(event) => onChange(toggle(selected, e.id, event.target.checked))}
                  />
                  <span className="packet-checklist__text">
                    <span dir="auto" className="packet-checklist__name">
                      {e.fileName}
                    </span>
                    <span className="packet-checklist__sub">
                      {e.mediaType} · {formatBytes(e.sizeBytes)}
                    </span>
                  </span>
                </label>
                <p className="packet-evidence-choice__reason" id={reasonId}>
                  <span className={`rec-badge ${e.allowed ? (e.treatment === 'clean' ? 'rec-badge--success' : 'rec-badge--warning') : 'rec-badge--danger'}`}>
                    {e.allowed ? (e.treatment === 'clean' ? t('packets.evidence.cleaned') : t('packets.evidence.asIsOnly')) : t('packets.evidence.notAllowed')}
                  </span>{' '}
                  {e.reason}
                </p>
                {checked && e.treatment === 'as_is' ? (
                  <Checkbox
                    className="packet-evidence-choice__as-is"
                    label={t('packets.evidence.includeAsIs')}
                    description={t('packets.evidence.includeAsIsHint')}
                    checked={asIs.includes(e.id)}
                    onChange={(event) => onAsIsChange(toggle(asIs, e.id, event.target.checked))}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      )}
    </fieldset>
  );
}
