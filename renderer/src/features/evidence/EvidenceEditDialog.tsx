import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { Controller, useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { z } from 'zod';
import type { EvidenceDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { ConflictNotice, type ConflictField } from '../../components/ConflictNotice';
import { Dialog } from '../../components/Dialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError, invoke } from '../../lib/api';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { useFieldError } from '../../lib/use-field-error';
import type { AppError } from '../../../../shared/errors';
import { ThreatPicker, useCaseThreats, useThreatLabel } from '../case-referrals/threat-options';
import { conflictFields } from '../history/record-format';
import { useUpdateEvidence } from './queries';
import { TextArea } from '../../components/TextArea';

const editSchema = z.object({ description: z.string().max(20_000, 'records.errors.max20000'), threatIds: z.array(z.string()) });
type EditValues = z.infer<typeof editSchema>;

/** Description and threat links are the only things that change: the original and its log never do. */
export function EvidenceEditDialog({ evidence, onClose }: { evidence: EvidenceDto; onClose: () => void }) {
  const { t } = useTranslation();
  const [base, setBase] = useState(evidence);
  const [conflict, setConflict] = useState<{ message: string; fields: ConflictField[]; current: EvidenceDto } | null>(null);
  const [error, setError] = useState<AppError | null>(null);
  const threats = useCaseThreats(evidence.caseId);
  const threatLabel = useThreatLabel();
  const update = useUpdateEvidence(evidence.caseId);
  const fieldError = useFieldError();
  const form = useForm<EditValues>({ resolver: zodResolver(editSchema), defaultValues: { description: evidence.description, threatIds: evidence.threatIds } });
  useUnsavedChanges(form.formState.isDirty);

  const threatNames = (ids: unknown) =>
    (threats.data ?? [])
      .filter((threat) => (ids as string[]).includes(threat.id))
      .map(threatLabel)
      .join('; ');

  const onSubmit = form.handleSubmit(async (values) => {
    setError(null);
    try {
      await update.mutateAsync({ id: base.id, version: base.version, patch: values });
      form.reset(values);
      onClose();
    } catch (caught) {
      const appError = asAppError(caught);
      if (appError.code !== 'CONFLICT') return setError(appError);
      const current = (await invoke('evidence:list', { caseId: base.caseId })).find((item) => item.id === base.id);
      if (!current) return setError(appError);
      setConflict({
        message: appError.message,
        current,
        fields: conflictFields(
          { description: values.description, threatIds: [...values.threatIds].sort() },
          { description: current.description, threatIds: [...current.threatIds].sort() },
          { description: t('evidence.fields.description'), threatIds: t('evidence.fields.threats') },
          (value, field) => (field === 'threatIds' ? threatNames(value) : String(value ?? '')),
        ),
      });
    }
  });

  return (
    <Dialog
      open
      title={t('evidence.editTitle')}
      onClose={onClose}
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button variant="primary" type="submit" form="evidence-edit-form" pending={update.isPending}>
            {t('records.save')}
          </Button>
        </>
      }
    >
      <form id="evidence-edit-form" className="stack stack--md" noValidate onSubmit={onSubmit}>
        <p className="muted small" dir="auto">
          {evidence.fileName}
        </p>
        {conflict ? (
          <ConflictNotice
            message={conflict.message}
            fields={conflict.fields}
            onUseCurrent={() => {
              setBase(conflict.current);
              form.reset({ description: conflict.current.description, threatIds: conflict.current.threatIds });
              setConflict(null);
            }}
          />
        ) : null}
        <TextArea label={t('evidence.fields.description')} rows={4} error={fieldError(form.formState.errors.description?.message)} {...form.register('description')} />
        <Controller
          control={form.control}
          name="threatIds"
          render={({ field }) => <ThreatPicker legend={t('evidence.fields.threats')} threats={threats.data} value={field.value} onChange={field.onChange} />}
        />
        <ErrorAlert error={error} />
      </form>
    </Dialog>
  );
}
