import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditEntryDto, CaseDto } from '../../../../shared/domain/records';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { describeChanges } from './describe-change';
import { useCaseHistory, useVerifyAudit } from './queries';
import { formatInstant } from './record-format';
import '../../styles/sections.css';

const SHORT_VALUE = 140;

export function HistorySection({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const history = useCaseHistory(caseFile.id);
  const verify = useVerifyAudit();
  const entries = history.data?.pages.flat() ?? [];

  return (
    <div className="stack stack--lg records-section">
      <Card title={t('history.title')} description={t('history.description')}>
        <div className="stack stack--md">
          <div className="history-verify">
            <Button variant="secondary" pending={verify.isPending} onClick={() => verify.mutate()}>
              {t('history.verify')}
            </Button>
            <div className="live-slot" role="status">
              {verify.data?.ok ? (
                <Alert tone="success" title={t('history.verifyOkTitle')}>
                  {t('history.verifyOk', { count: verify.data.entries })}
                </Alert>
              ) : null}
            </div>
            {verify.data && !verify.data.ok ? (
              <Alert tone="danger" live="alert" title={t('history.verifyBrokenTitle')}>
                {t('history.verifyBroken', { seq: verify.data.firstBrokenSeq ?? '?', problem: verify.data.problem ?? '' })}
              </Alert>
            ) : null}
            <ErrorAlert error={verify.isError ? asAppError(verify.error) : null} />
          </div>
          <ErrorAlert error={history.isError ? asAppError(history.error) : null} />
          {history.isPending ? <p className="muted">{t('common.loading')}</p> : null}
          {history.data && entries.length === 0 ? (
            <EmptyState title={t('history.emptyTitle')}>
              <p>{t('history.emptyBody')}</p>
            </EmptyState>
          ) : null}
          {entries.length > 0 ? (
            <ol className="history-list" aria-label={t('history.listLabel')}>
              {entries.map((entry) => (
                <HistoryEntry key={entry.seq} entry={entry} />
              ))}
            </ol>
          ) : null}
          {history.hasNextPage ? (
            <div>
              <Button variant="secondary" pending={history.isFetchingNextPage} onClick={() => void history.fetchNextPage()}>
                {t('history.loadMore')}
              </Button>
            </div>
          ) : null}
        </div>
      </Card>
    </div>
  );
}

function HistoryEntry({ entry }: { entry: AuditEntryDto }) {
  const { t } = useTranslation();
  const entity = t(`history.entities.${entry.entity}`, { defaultValue: entry.entity });
  const action = t(`history.actions.${entry.action}`, { defaultValue: entry.action, entity });
  const changes = entry.changes === null ? null : describeChanges(t, entry.entity, entry.action, entry.changes);
  return (
    <li className="history-entry">
      <p className="history-entry__line">
        <span className="strong" dir="auto">
          {entry.actor}
        </span>
        {' · '}
        <time dateTime={entry.at}>{formatInstant(entry.at)}</time>
        {' — '}
        <span>{action}</span>
        {changes && changes.length > 0 && entry.action !== 'create' ? (
          <span className="muted">{`: ${changes.map((c) => c.label).join('; ')}`}</span>
        ) : null}
      </p>
      {changes === null ? (
        <p className="history-entry__redacted muted small">{t('history.redacted')}</p>
      ) : changes.length > 0 ? (
        <ul className="history-changes">
          {changes.map((change, i) => (
            <li key={`${change.label}-${i}`}>
              <span className="history-changes__field">{change.label}</span>{' '}
              {change.from !== null ? (
                <>
                  {t('history.from')} <Value text={change.from} /> {t('history.to')} <Value text={change.to} />
                </>
              ) : (
                <Value text={change.to} />
              )}
            </li>
          ))}
        </ul>
      ) : null}
    </li>
  );
}

/** A value as text; long ones are cut with "show more". */
function Value({ text }: { text: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const long = text.length > SHORT_VALUE;
  return (
    <span className="history-value">
      <q dir="auto" className="pre-wrap">
        {long && !open ? `${text.slice(0, SHORT_VALUE)}…` : text}
      </q>
      {long ? (
        <Button variant="link" className="history-value__more" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
          {open ? t('history.showLess') : t('history.showMore')}
        </Button>
      ) : null}
    </span>
  );
}
