import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { CONTACT_ROLES, type ContactRole } from '../../../../shared/domain/enums';
import type { ContactDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { ErrorAlert } from '../../components/ErrorAlert';
import { Select } from '../../components/Select';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { SensitivityBadge } from '../cases/labels';
import { useDebounced } from '../cases/use-debounced';
import { useContactSearch, useLinkContact } from './queries';

/** Adds a contact already in the vault (e.g. the same official in two cases) to this case. */
export function LinkContactForm({ caseId, onDone }: { caseId: string; onDone: () => void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const search = useContactSearch(useDebounced(text.trim(), 200));
  const [chosen, setChosen] = useState<ContactDto | null>(null);
  const [role, setRole] = useState<ContactRole>('witness');
  const [relationship, setRelationship] = useState('');
  const link = useLinkContact();
  const results = (search.data ?? []).filter((contact) => !contact.links.some((l) => l.caseId === caseId));

  return (
    <form
      className="stack stack--md"
      noValidate
      aria-label={t('contacts.linkTitle')}
      onSubmit={(event) => {
        event.preventDefault();
        if (chosen) link.mutate({ caseId, contactId: chosen.id, role, relationship: relationship.trim() }, { onSuccess: onDone });
      }}
    >
      <h3 className="threat-form__title">{t('contacts.linkTitle')}</h3>
      {chosen ? (
        <p>
          {t('contacts.linking')} <strong dir="auto">{chosen.name}</strong>{' '}
          <Button variant="link" onClick={() => setChosen(null)}>
            {t('contacts.chooseAnother')}
          </Button>
        </p>
      ) : (
        <>
          <TextField type="search" label={t('contacts.searchExisting')} dir="auto" autoComplete="off" value={text} onChange={(event) => setText(event.target.value)} />
          {text.trim() && search.data ? (
            results.length === 0 ? (
              <p className="muted">{t('contacts.noSearchResults')}</p>
            ) : (
              <ul className="pick-list" aria-label={t('contacts.searchResults')}>
                {results.map((contact) => (
                  <li key={contact.id}>
                    <button type="button" className="pick-list__item" onClick={() => setChosen(contact)}>
                      <span dir="auto" className="pick-list__name">
                        {contact.name}
                      </span>
                      <SensitivityBadge sensitivity={contact.sensitivity} />
                      <span className="muted small">{contact.links.map((l) => l.caseCode).join(', ')}</span>
                    </button>
                  </li>
                ))}
              </ul>
            )
          ) : null}
        </>
      )}
      <div className="form-grid">
        <Select
          label={t('contacts.fields.role')}
          value={role}
          onChange={(event) => setRole(event.target.value as ContactRole)}
          options={CONTACT_ROLES.map((value) => ({ value, label: t(`enums.role.${value}`) }))}
        />
        <TextField label={t('contacts.fields.relationship')} dir="auto" autoComplete="off" value={relationship} onChange={(event) => setRelationship(event.target.value)} />
      </div>
      <ErrorAlert error={link.isError ? asAppError(link.error) : null} />
      <div className="form-actions">
        <Button onClick={onDone}>{t('common.cancel')}</Button>
        <Button variant="primary" type="submit" disabled={!chosen} pending={link.isPending}>
          {t('contacts.link')}
        </Button>
      </div>
    </form>
  );
}
