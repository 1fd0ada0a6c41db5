import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { NoteDto } from '../../../../shared/domain/records';
import type { AppError } from '../../../../shared/errors';
import { Button } from '../../components/Button';
import { ConflictNotice, type ConflictField } from '../../components/ConflictNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError, invoke } from '../../lib/api';
import { useGuard, useUnsavedChanges } from '../../lib/unsaved-changes';
import { useFieldError } from '../../lib/use-field-error';
import { TextArea } from '../../components/TextArea';
import { useCreateNote, useUpdateNote } from './queries';

const noteSchema = z.object({
  body: z.string().refine((v) => v.trim().length > 0, 'notes.errors.empty').refine((v) => v.length <= 20_000, 'records.errors.max20000'),
});
type NoteValues = z.infer<typeof noteSchema>;

/** New note (note null) or editing one; on CONFLICT shows what the saved note says now. */
export function NoteEditor({ caseId, note, onDone }: { caseId: string; note: NoteDto | null; onDone?: () => void }) {
  const { t } = useTranslation();
  const [base, setBase] = useState(note);
  const [error, setError] = useState<AppError | null>(null);
  const [conflict, setConflict] = useState<{ message: string; fields: ConflictField[]; current: NoteDto } | null>(null);
  const create = useCreateNote(caseId);
  const update = useUpdateNote(caseId);
  const fieldError = useFieldError();
  const guard = useGuard();
  const form = useForm<NoteValues>({ resolver: zodResolver(noteSchema), defaultValues: { body: note?.body ?? '' } });
  useUnsavedChanges(form.formState.isDirty);

  const onSubmit = form.handleSubmit(async ({ body }) => {
    setError(null);
    try {
      if (base) await update.mutateAsync({ id: base.id, version: base.version, body });
      else await create.mutateAsync({ caseId, body });
      form.reset({ body: base ? body : '' });
      onDone?.();
    } catch (caught) {
      const appError = asAppError(caught);
      if (appError.code !== 'CONFLICT' || !base) return setError(appError);
      const current = (await invoke('notes:list', { caseId })).find((n) => n.id === base.id);
      if (!current) return setError(appError);
      setConflict({ message: appError.message, current, fields: body !== current.body ? [{ label: t('notes.body'), mine: body, theirs: current.body }] : [] });
    }
  });

  const label = base ? t('notes.editLabel') : t('notes.newLabel');
  return (
    <form className="stack stack--md note-editor" noValidate onSubmit={onSubmit} aria-label={label}>
      {conflict ? (
        <ConflictNotice
          message={conflict.message}
          fields={conflict.fields}
          onUseCurrent={() => {
            setBase(conflict.current);
            form.reset({ body: conflict.current.body });
            setConflict(null);
          }}
        />
      ) : null}
      <TextArea label={t('notes.body')} rows={base ? 5 : 4} error={fieldError(form.formState.errors.body?.message)} {...form.register('body')} />
      <ErrorAlert error={error} />
      <div className="form-actions form-actions--start">
        <Button type="submit" variant="primary" pending={create.isPending || update.isPending}>
          {base ? t('records.save') : t('notes.add')}
        </Button>
        {onDone ? (
          <Button variant="ghost" onClick={() => guard(onDone)}>
            {t('common.cancel')}
          </Button>
        ) : null}
      </div>
    </form>
  );
}
