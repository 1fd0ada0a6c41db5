import { NameList } from '../../components/NameList';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState, type ReactNode } from 'react';
import { useForm } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { AppError } from '../../../../shared/errors';
import type { CaseDto, ClientDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConflictNotice } from '../../components/ConflictNotice';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { ClientFieldsInputs } from './ClientFieldsInputs';
import { clientConflictRows, clientFormSchema, clientFormValues, toClientFields, type ClientFormValues } from './client-form';
import { differingFields, type ConflictState } from './conflict';
import { formatDay } from './labels';
import { useFetchCurrentCase, useUpdateClient } from './queries';

export function ClientCard({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const [editing, setEditing] = useState(false);
  return (
    <Card title={t('caseOverview.clientTitle')}>
      {editing ? <ClientEditForm caseFile={caseFile} onDone={() => setEditing(false)} /> : <ClientDetails client={caseFile.client} onEdit={() => setEditing(true)} />}
    </Card>
  );
}

function ClientDetails({ client, onEdit }: { client: ClientDto; onEdit: () => void }) {
  const { t } = useTranslation();
  const none = <span className="muted">{t('caseOverview.notRecorded')}</span>;
  const text = (value: string) => (value ? <span dir="auto">{value}</span> : none);
  const list = (values: string[]) => (values.length ? <span dir="auto"><NameList names={values} /></span> : none);
  const rows: Array<[string, ReactNode, boolean?]> = [
    [t('caseClient.fields.legalName'), text(client.legalName)],
    [t('caseClient.fields.originalNames'), list(client.originalNames)],
    [t('caseClient.fields.aliases'), list(client.aliases)],
    [t('caseClient.fields.identityDocuments'), list(client.identityDocuments)],
    [t('caseClient.fields.dateOfBirth'), client.dateOfBirth ? formatDay(client.dateOfBirth) : none],
    [t('caseClient.fields.nationality'), text(client.nationality)],
    [t('caseClient.fields.residenceCountry'), text(client.residenceCountry)],
    [t('caseClient.fields.immigrationStatus'), t(`enums.immigration.${client.immigrationStatus}`)],
    [t('caseClient.fields.languages'), list(client.languages)],
    [t('caseClient.fields.safeContactMethods'), text(client.safeContactMethods)],
    [t('caseClient.fields.safeContactTimes'), text(client.safeContactTimes)],
    [t('caseClient.fields.ethnicity'), text(client.ethnicity), true],
    [t('caseClient.fields.religion'), text(client.religion), true],
    [t('caseClient.fields.politicalActivity'), text(client.politicalActivity), true],
  ];
  return (
    <div className="stack stack--md">
      <dl className="details">
        {rows.map(([label, value, sensitive]) => (
          <div className="details__row" key={label}>
            <dt>
              {label}
              {sensitive ? <span className="badge badge--sensitive">{t('caseClient.sensitive')}</span> : null}
            </dt>
            <dd className="pre-line">{value}</dd>
          </div>
        ))}
      </dl>
      <div className="form-actions form-actions--start">
        <Button onClick={onEdit}>{t('caseOverview.editClient')}</Button>
      </div>
    </div>
  );
}

function ClientEditForm({ caseFile, onDone }: { caseFile: CaseDto; onDone: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateClient();
  const fetchCurrent = useFetchCurrentCase();
  // The client record has its own id and version.
  const [base, setBase] = useState(caseFile.client.version);
  const [conflict, setConflict] = useState<ConflictState | null>(null);
  const form = useForm<ClientFormValues>({ resolver: zodResolver(clientFormSchema), defaultValues: clientFormValues(caseFile.client) });
  useUnsavedChanges(form.formState.isDirty);

  const onSubmit = form.handleSubmit((values) => {
    const patch = toClientFields(values);
    setConflict(null);
    update.mutate(
      { id: caseFile.client.id, version: base, patch },
      {
        onSuccess: (saved) => {
          form.reset(clientFormValues(saved.client));
          onDone();
        },
        onError: async (error) => {
          if (!(error instanceof AppError) || error.code !== 'CONFLICT') return;
          const current = await fetchCurrent(caseFile.id);
          setConflict({ message: error.message, fields: differingFields(clientConflictRows(t, patch, current.client)) });
        },
      },
    );
  });

  const continueFromCurrent = async () => {
    const current = await fetchCurrent(caseFile.id);
    form.reset(clientFormValues(current.client));
    setBase(current.client.version);
    setConflict(null);
    update.reset();
  };

  return (
    <form className="stack stack--md" noValidate onSubmit={onSubmit} aria-label={t('caseOverview.editClient')}>
      <ClientFieldsInputs form={form} />
      {conflict ? <ConflictNotice message={conflict.message} fields={conflict.fields} onUseCurrent={() => void continueFromCurrent()} /> : null}
      {update.isError && !(update.error instanceof AppError && update.error.code === 'CONFLICT') ? <ErrorAlert error={asAppError(update.error)} /> : null}
      <div className="form-actions">
        <Button
          onClick={() => {
            form.reset(clientFormValues(caseFile.client));
            onDone();
          }}
        >
          {t('common.cancel')}
        </Button>
        <Button variant="primary" type="submit" pending={update.isPending}>
          {t('caseOverview.saveClient')}
        </Button>
      </div>
    </form>
  );
}
