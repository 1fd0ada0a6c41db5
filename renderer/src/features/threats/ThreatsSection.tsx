import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, ThreatDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useGuard } from '../../lib/unsaved-changes';
import { tacticLabel } from '../cases/labels';
import { useCaseContacts } from '../contacts/queries';
import { useCaseEvidence, useDeleteThreat, useThreats } from './queries';
import { formatThreatDate } from './threat-date';
import { ThreatForm } from './ThreatForm';
import { ThreatTimeline } from './ThreatTimeline';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'edit'; threat: ThreatDto };

export function ThreatsSection({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const guard = useGuard();
  const threats = useThreats(caseFile.id);
  const contacts = useCaseContacts(caseFile.id);
  const evidence = useCaseEvidence(caseFile.id);
  const remove = useDeleteThreat();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [deleting, setDeleting] = useState<ThreatDto | null>(null);
  const error = threats.error ?? contacts.error ?? evidence.error;

  const closeDelete = () => {
    setDeleting(null);
    remove.reset();
  };

  return (
    <section className="stack stack--lg" aria-labelledby="threats-heading">
      <div className="section-header">
        <div>
          <h2 className="section-header__title" id="threats-heading">
            {t('threats.title')}
          </h2>
          <p className="muted">{t('threats.lead')}</p>
        </div>
        {editing.kind === 'none' ? (
          <Button variant="primary" onClick={() => setEditing({ kind: 'new' })}>
            {t('threats.addTitle')}
          </Button>
        ) : null}
      </div>
      {error ? <ErrorAlert error={asAppError(error)} /> : null}
      {editing.kind !== 'none' && contacts.data && evidence.data ? (
        <div className="card">
          <ThreatForm
            key={editing.kind === 'edit' ? editing.threat.id : 'new'}
            caseFile={caseFile}
            threat={editing.kind === 'edit' ? editing.threat : null}
            contacts={contacts.data}
            evidence={evidence.data}
            onDone={() => setEditing({ kind: 'none' })}
          />
        </div>
      ) : null}
      {threats.data && contacts.data ? (
        threats.data.length === 0 ? (
          editing.kind === 'none' ? (
            <EmptyState title={t('threats.emptyTitle')}>
              <p>{t('threats.emptyBody')}</p>
            </EmptyState>
          ) : null
        ) : (
          <ThreatTimeline
            threats={threats.data}
            contacts={contacts.data}
            clientName={caseFile.client.legalName}
            onEdit={(threat) => guard(() => setEditing({ kind: 'edit', threat }))}
            onDelete={setDeleting}
          />
        )
      ) : !error ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
      <ConfirmDialog
        open={deleting !== null}
        title={t('threats.deleteTitle')}
        confirmLabel={t('threats.deleteConfirm')}
        pending={remove.isPending}
        error={remove.isError ? asAppError(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id, version: deleting.version }, { onSuccess: closeDelete })}
        onClose={closeDelete}
      >
        {deleting ? <p>{t('threats.deleteBody', { tactic: tacticLabel(t, deleting.tacticId), date: formatThreatDate(t, deleting) })}</p> : null}
      </ConfirmDialog>
    </section>
  );
}
