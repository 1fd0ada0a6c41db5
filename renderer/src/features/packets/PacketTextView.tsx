import { createContext, Fragment, useContext } from 'react';
import { useTranslation } from 'react-i18next';
import type { PacketText, ScrubPart } from '../../../../shared/domain/packet';

/**
 * One free text exactly as it goes into the packet. Each part that replaced
 * a withheld value is a <mark> with the rule that found it. A possible match
 * (part of a name, a short Chinese name inside a longer word, a name a
 * disclosed person shares) is marked differently and shows what was
 * written, so the caseworker can confirm the replacement or keep the text.
 * Certain replacements never show the original.
 */

export interface PossibleMatchDecisions {
  /** Keys of possible matches kept as written. */
  kept: ReadonlySet<string>;
  /** Keys the caseworker confirmed as the withheld person or value. */
  confirmed: ReadonlySet<string>;
  keep: (key: string) => void;
  confirm: (key: string) => void;
  /** Back to undecided (replaced). */
  reset: (key: string) => void;
}

const DecisionsContext = createContext<PossibleMatchDecisions | null>(null);
export const PossibleMatchProvider = DecisionsContext.Provider;

function PossiblePart({ part }: { part: ScrubPart }) {
  const { t } = useTranslation();
  const decisions = useContext(DecisionsContext);
  const key = part.key!;
  const reason = t(`packets.preview.possibleReason.${reasonId(part.possible!)}`, { defaultValue: part.possible });
  if (!part.redacted) {
    // Kept as written by the caseworker.
    return (
      <span className="packet-kept" title={t('packets.preview.keptTitle', { reason })}>
        {part.text}
        {decisions ? (
          <button type="button" className="packet-decide packet-decide--icon" aria-label={t('packets.preview.replaceAfterAll', { original: part.text })} title={t('packets.preview.replaceAfterAll', { original: part.text })} onClick={() => decisions.reset(key)}>
            ↺
          </button>
        ) : null}
      </span>
    );
  }
  const confirmed = decisions?.confirmed.has(key) ?? false;
  return (
    <span className="packet-possible">
      <mark
        className={confirmed ? 'packet-mark' : 'packet-mark packet-mark--possible'}
        title={t('packets.preview.possibleTitle', { reason, rule: part.rule ?? '', original: part.original ?? '' })}
      >
        {part.text}
      </mark>
      {decisions && !confirmed ? (
        <span className="packet-decide-group" role="group" aria-label={t('packets.preview.possibleGroup', { original: part.original ?? '', reason })}>
          <span className="packet-possible__note">{t('packets.preview.possibleNote', { original: part.original ?? '', reason })}</span>
          <button type="button" className="packet-decide" onClick={() => decisions.confirm(key)}>
            {t('packets.preview.confirmReplace')}
          </button>
          <button type="button" className="packet-decide" onClick={() => decisions.keep(key)}>
            {t('packets.preview.keepAsWritten', { original: part.original ?? '' })}
          </button>
        </span>
      ) : null}
    </span>
  );
}

function reasonId(reason: string): string {
  if (reason.startsWith('part of')) return 'partOfName';
  if (reason.startsWith('inside')) return 'insideWord';
  if (reason.includes('same number')) return 'sharedNumber';
  if (reason.includes('same name')) return 'sharedName';
  return 'other';
}

export function PacketTextView({ value, empty }: { value: PacketText; empty?: string }) {
  const { t } = useTranslation();
  if (value.text.trim() === '') return <span className="muted">{empty ?? t('packets.preview.empty')}</span>;
  return (
    <span className="packet-text" dir="auto">
      {value.parts.map((part, index) =>
        part.possible && part.key ? (
          <PossiblePart key={index} part={part} />
        ) : part.redacted ? (
          <mark key={index} className="packet-mark" title={part.rule ? t('packets.preview.markTitleRule', { rule: part.rule }) : t('packets.preview.markTitle')}>
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
      <mark className="packet-mark packet-mark--possible">{t('packets.preview.legendSample')}</mark>
      <span>{t('packets.preview.legendPossible')}</span>
    </p>
  );
}

/** Every possible match in a preview document, in order, for the summary above the preview. */
export function possibleMatchesIn(document: unknown): ScrubPart[] {
  const out: ScrubPart[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      const maybe = node as { parts?: unknown; text?: unknown };
      if (Array.isArray(maybe.parts) && typeof maybe.text === 'string') {
        for (const p of maybe.parts as ScrubPart[]) if (p.possible && p.key) out.push(p);
      } else Object.values(node).forEach(walk);
    }
  };
  walk(document);
  return out;
}
