import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, EvidenceDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { LinkedThreats, useCaseThreats } from '../case-referrals/threat-options';
import { formatBytes, formatInstant } from '../history/record-format';
import { Fact } from '../history/Fact';
import { EvidenceEditDialog } from './EvidenceEditDialog';
import { EvidenceIntake } from './EvidenceIntake';
import { EvidenceViewer } from './EvidenceViewer';
import { useDeleteEvidence, useEvidenceList } from './queries';
import '../../styles/sections.css';

export function EvidenceSection({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const list = useEvidenceList(caseFile.id);
  const threats = useCaseThreats(caseFile.id);
  const [viewing, setViewing] = useState<EvidenceDto | null>(null);
  const [editing, setEditing] = useState<EvidenceDto | null>(null);
  const [deleting, setDeleting] = useState<EvidenceDto | null>(null);
  const remove = useDeleteEvidence(caseFile.id);

  return (
    <div className="stack stack--lg records-section">
      <EvidenceIntake caseFile={caseFile} />
      <Card title={t('evidence.listTitle')} description={t('evidence.listDescription')}>
        <ErrorAlert error={list.isError ? asAppError(list.error) : null} />
        {list.isPending ? <p className="muted">{t('common.loading')}</p> : null}
        {list.data && list.data.length === 0 ? (
          <EmptyState title={t('evidence.emptyTitle')}>
            <p>{t('evidence.emptyBody')}</p>
          </EmptyState>
        ) : null}
        {list.data && list.data.length > 0 ? (
          <ul className="record-list" aria-label={t('evidence.listTitle')}>
            {list.data.map((item) => (
              <li key={item.id} className="record" aria-labelledby={`evidence-${item.id}`}>
                <div className="record__head">
                  <h3 className="record__title" id={`evidence-${item.id}`} dir="auto">
                    {item.fileName}
                  </h3>
                  <div className="record__actions">
                    <Button variant="secondary" onClick={() => setViewing(item)} aria-label={t('evidence.viewNamed', { name: item.fileName })}>
                      {t('evidence.view')}
                    </Button>
                    <Button variant="ghost" onClick={() => setEditing(item)} aria-label={t('evidence.editNamed', { name: item.fileName })}>
                      {t('records.edit')}
                    </Button>
                    <Button variant="ghost" onClick={() => setDeleting(item)} aria-label={t('evidence.deleteNamed', { name: item.fileName })}>
                      {t('records.delete')}
                    </Button>
                  </div>
                </div>
                <dl className="record__facts">
                  <Fact label={t('evidence.fields.type')}>{item.mediaType}</Fact>
                  <Fact label={t('evidence.fields.size')}>{formatBytes(item.sizeBytes)}</Fact>
                  <Fact label={t('evidence.fields.collectedAt')}>{formatInstant(item.collectedAt)}</Fact>
                  <Fact label={t('evidence.fields.collectedBy')}>
                    <span dir="auto">{item.collectedBy || '—'}</span>
                  </Fact>
                  <Fact label={t('evidence.fields.collectedHow')}>
                    <span dir="auto">{item.collectedHow || '—'}</span>
                  </Fact>
                  <Fact label={t('evidence.fields.collectedFrom')}>
                    <span dir="auto">{item.collectedFrom || '—'}</span>
                  </Fact>
                  <Fact label={t('evidence.fields.sha256')} wide>
                    <Sha256 value={item.sha256} />
                  </Fact>
                  <Fact label={t('evidence.fields.threats')} wide>
                    <LinkedThreats ids={item.threatIds} threats={threats.data} />
                  </Fact>
                </dl>
                {item.description ? (
                  <p className="record__text" dir="auto">
                    {item.description}
                  </p>
                ) : null}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>

      <EvidenceViewer evidence={viewing} onClose={() => setViewing(null)} />
      {editing ? <EvidenceEditDialog key={editing.id} evidence={editing} onClose={() => setEditing(null)} /> : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t('evidence.deleteTitle')}
        confirmLabel={t('evidence.deleteConfirm')}
        pending={remove.isPending}
        error={remove.isError ? asAppError(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id, version: deleting.version }, { onSuccess: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      >
        <p>
          <span dir="auto" className="strong">
            {deleting?.fileName}
          </span>
        </p>
        <p>{t('evidence.deleteBody')}</p>
      </ConfirmDialog>
    </div>
  );
}

function Sha256({ value }: { value: string }) {
  const { t } = useTranslation();
  const [copied, setCopied] = useState(false);
  return (
    <span className="sha">
      <code className="sha__value" translate="no">
        {value}
      </code>
      <Button
        variant="link"
        onClick={() => {
          navigator.clipboard
            .writeText(value)
            .then(() => setCopied(true))
            .catch(() => setCopied(false));
        }}
      >
        {copied ? t('evidence.copied') : t('evidence.copy')}
      </Button>
    </span>
  );
}
