import { Fragment } from 'react';
import { useTranslation } from 'react-i18next';
import type { PacketText } from '../../../../shared/domain/packet';

/**
 * One free text exactly as it goes into the packet. Each part that replaced
 * a withheld value is a <mark>: the caseworker sees what was swapped for a
 * label. The original value is never sent to the renderer.
 */
export function PacketTextView({ value, empty }: { value: PacketText; empty?: string }) {
  const { t } = useTranslation();
  if (value.text.trim() === '') return <span className="muted">{empty ?? t('packets.preview.empty')}</span>;
  return (
    <span className="packet-text" dir="auto">
      {value.parts.map((part, index) =>
        part.redacted ? (
          <mark key={index} className="packet-mark" title={t('packets.preview.markTitle')}>
            {part.text}
          </mark>
        ) : (
          <Fragment key={index}>{part.text}</Fragment>
        ),
      )}
    </span>
  );
}

/** The legend shown wherever highlighted text appears. */
export function RedactionLegend() {
  const { t } = useTranslation();
  return (
    <p className="packet-legend">
      <mark className="packet-mark">{t('packets.preview.legendSample')}</mark>
      <span>{t('packets.preview.legend')}</span>
    </p>
  );
}
