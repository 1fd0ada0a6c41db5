import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, NoteDto } from '../../../../shared/domain/records';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { formatInstant } from '../history/record-format';
import { NoteEditor } from './NoteEditor';
import { useDeleteNote, useNotes } from './queries';
import '../../styles/sections.css';

export function NotesSection({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const list = useNotes(caseFile.id);
  const [editingId, setEditingId] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<NoteDto | null>(null);
  const remove = useDeleteNote(caseFile.id);
  const notes = [...(list.data ?? [])].sort((a, b) => b.createdAt.localeCompare(a.createdAt));

  return (
    <div className="stack stack--lg records-section">
      <Card title={t('notes.title')}>
        <div className="stack stack--md">
          <Alert tone="info" title={t('notes.internalTitle')}>
            {t('notes.internalBody')}
          </Alert>
          <NoteEditor caseId={caseFile.id} note={null} />
        </div>
      </Card>
      <Card title={t('notes.listTitle')}>
        <ErrorAlert error={list.isError ? asAppError(list.error) : null} />
        {list.isPending ? <p className="muted">{t('common.loading')}</p> : null}
        {list.data && notes.length === 0 ? (
          <EmptyState title={t('notes.emptyTitle')}>
            <p>{t('notes.emptyBody')}</p>
          </EmptyState>
        ) : null}
        {notes.length > 0 ? (
          <ul className="record-list" aria-label={t('notes.listTitle')}>
            {notes.map((note) => (
              <li key={note.id} className="record" aria-label={t('notes.noteBy', { author: note.author, when: formatInstant(note.createdAt) })}>
                <div className="record__head">
                  <p className="record__meta">
                    <span className="strong" dir="auto">
                      {note.author}
                    </span>
                    {' · '}
                    <time dateTime={note.createdAt}>{formatInstant(note.createdAt)}</time>
                    {note.updatedAt !== note.createdAt ? <span className="muted"> · {t('notes.edited', { when: formatInstant(note.updatedAt) })}</span> : null}
                  </p>
                  {editingId !== note.id ? (
                    <div className="record__actions">
                      <Button variant="ghost" onClick={() => setEditingId(note.id)}>
                        {t('records.edit')}
                      </Button>
                      <Button variant="ghost" onClick={() => setDeleting(note)}>
                        {t('records.delete')}
                      </Button>
                    </div>
                  ) : null}
                </div>
                {editingId === note.id ? (
                  <NoteEditor caseId={caseFile.id} note={note} onDone={() => setEditingId(null)} />
                ) : (
                  <p className="record__text pre-wrap" dir="auto">
                    {note.body}
                  </p>
                )}
              </li>
            ))}
          </ul>
        ) : null}
      </Card>
      <ConfirmDialog
        open={deleting !== null}
        title={t('notes.deleteTitle')}
        confirmLabel={t('notes.deleteConfirm')}
        pending={remove.isPending}
        error={remove.isError ? asAppError(remove.error) : null}
        onConfirm={() => deleting && remove.mutate({ id: deleting.id, version: deleting.version }, { onSuccess: () => setDeleting(null) })}
        onClose={() => setDeleting(null)}
      >
        <p>{t('notes.deleteBody')}</p>
        <p className="record__text pre-wrap clamp" dir="auto">
          {deleting?.body}
        </p>
      </ConfirmDialog>
    </div>
  );
}
