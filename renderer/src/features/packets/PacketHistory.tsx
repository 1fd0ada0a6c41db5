import { Fragment, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { PacketHistoryEntry } from '../../../../shared/ipc/packets-contract';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { formatInstant } from '../history/record-format';
import { usePacketHistory } from './queries';
import '../../styles/packets.css';

/** The packets exported for one referral: when, by whom, what went and under which consent. */
export function PacketHistory({ referralId, headingId }: { referralId: string; headingId?: string }) {
  const { t } = useTranslation();
  const history = usePacketHistory(referralId);
  if (history.isError) return <ErrorAlert error={asAppError(history.error)} />;
  if (!history.data) return <p className="muted small">{t('common.loading')}</p>;
  if (history.data.length === 0) return <p className="muted small">{t('packets.history.empty')}</p>;
  return (
    <div className="table-wrap packet-history">
      <table className="data-table packet-history__table" aria-labelledby={headingId}>
        <thead>
          <tr>
            <th scope="col">{t('packets.history.exported')}</th>
            <th scope="col">{t('packets.history.file')}</th>
            <th scope="col">{t('packets.history.profileAndConsent')}</th>
            <th scope="col">{t('packets.history.contents')}</th>
          </tr>
        </thead>
        <tbody>
          {history.data.map((entry) => (
            <HistoryRow key={entry.id} entry={entry} />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function HistoryRow({ entry }: { entry: PacketHistoryEntry }) {
  const { t } = useTranslation();
  return (
    <tr>
      <td className="packet-history__when">
        <span className="cell-main">{formatInstant(entry.createdAt)}</span>
        <span className="cell-sub" dir="auto">
          {t('packets.history.by', { name: entry.createdBy || t('packets.history.unknownUser') })}
        </span>
      </td>
      <td className="packet-history__packet">
        <span className="cell-main packet-history__file" dir="ltr" title={entry.fileName}>
          <BreakableName name={entry.fileName} />
        </span>
        <span className="packet-history__line">
          <span className={`rec-badge ${entry.sealed ? 'rec-badge--success' : ''}`}>{entry.sealed ? t('packets.history.sealedYes') : t('packets.history.sealedNo')}</span>
        </span>
        <span className="packet-history__line">
          <span className="visually-hidden">{t('packets.history.manifest')}: </span>
          <ManifestHash value={entry.manifestSha256} />
        </span>
      </td>
      <td>
        <span className="cell-main" dir="auto">
          {entry.profileLabel}
        </span>
        <span className="packet-history__line">
          {entry.overrideReason !== null ? (
            <span className="rec-badge rec-badge--warning">{t('packets.history.override')}</span>
          ) : (
            <span className="rec-badge rec-badge--success">{t('packets.history.withConsent')}</span>
          )}
        </span>
        {entry.overrideReason !== null ? (
          <span className="cell-sub packet-history__reason" dir="auto">
            {entry.overrideReason}
          </span>
        ) : null}
      </td>
      <td className="packet-history__counts">
        <span className="packet-history__count">{t('packets.history.threatCount', { count: entry.threatCount })}</span>
        <span className="packet-history__count">{t('packets.history.fileCount', { count: entry.evidenceCount })}</span>
        <span className="packet-history__count">{t('packets.history.redactionCount', { count: entry.redactionCount })}</span>
      </td>
    </tr>
  );
}

/** A file name that may wrap after "_" or "-" (a long one never forces the table wider), never inside a word. */
function BreakableName({ name }: { name: string }) {
  return (
    <>
      {name.split(/(?<=[_-])/).map((part, index) => (
        <Fragment key={index}>
          {index > 0 ? <wbr /> : null}
          {part}
        </Fragment>
      ))}
    </>
  );
}

/** A SHA-256: the first 12 digits (all of them on hover, or with `full`), and a copy button. */
export function ManifestHash({ value, full = false }: { value: string; full?: boolean }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <span className="sha">
      <code className="sha__value" translate="no" title={value}>
        {full ? value : `${value.slice(0, 12)}…`}
      </code>
      <Button
        variant="link"
        aria-label={copied ? t('packets.history.copied') : t('packets.history.copyHash')}
        onClick={() => {
          navigator.clipboard
            .writeText(value)
            .then(() => setCopied(true))
            .catch(() => setCopied(false));
        }}
      >
        {copied ? t('packets.history.copied') : t('packets.history.copy')}
      </Button>
    </span>
  );
}
