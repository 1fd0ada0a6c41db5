import { ConfirmDialog } from '../../components/ConfirmDialog';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDto, ContactDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { EmptyState } from '../../components/EmptyState';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useGuard } from '../../lib/unsaved-changes';
import { SensitivityBadge } from '../cases/labels';
import { ContactDetails } from './ContactDetails';
import { ContactForm } from './ContactForm';
import { LinkContactForm } from './LinkContactForm';
import { useCaseContacts, useUnlinkContact } from './queries';

type Editing = { kind: 'none' } | { kind: 'new' } | { kind: 'link' } | { kind: 'edit'; contact: ContactDto };

export function CaseContactsSection({ caseFile }: { caseFile: CaseDto }) {
  const { t } = useTranslation();
  const guard = useGuard();
  const contacts = useCaseContacts(caseFile.id);
  const unlink = useUnlinkContact();
  const [editing, setEditing] = useState<Editing>({ kind: 'none' });
  const [unlinking, setUnlinking] = useState<ContactDto | null>(null);
  const done = () => setEditing({ kind: 'none' });
  const closeUnlink = () => {
    setUnlinking(null);
    unlink.reset();
  };

  return (
    <section className="stack stack--lg" aria-labelledby="contacts-heading">
      <div className="section-header">
        <div>
          <h2 className="section-header__title" id="contacts-heading">
            {t('contacts.caseTitle')}
          </h2>
          <p className="muted">{t('contacts.caseLead')}</p>
        </div>
        {editing.kind === 'none' ? (
          <div className="button-row">
            <Button onClick={() => setEditing({ kind: 'link' })}>{t('contacts.linkTitle')}</Button>
            <Button variant="primary" onClick={() => setEditing({ kind: 'new' })}>
              {t('contacts.addTitle')}
            </Button>
          </div>
        ) : null}
      </div>
      {contacts.isError ? <ErrorAlert error={asAppError(contacts.error)} /> : null}
      {editing.kind === 'new' || editing.kind === 'edit' ? (
        <div className="card">
          <ContactForm key={editing.kind === 'edit' ? editing.contact.id : 'new'} caseId={caseFile.id} contact={editing.kind === 'edit' ? editing.contact : null} onDone={done} />
        </div>
      ) : null}
      {editing.kind === 'link' ? (
        <div className="card">
          <LinkContactForm caseId={caseFile.id} onDone={done} />
        </div>
      ) : null}
      {contacts.data ? (
        contacts.data.length === 0 ? (
          editing.kind === 'none' ? (
            <EmptyState title={t('contacts.caseEmptyTitle')}>
              <p>{t('contacts.caseEmptyBody')}</p>
            </EmptyState>
          ) : null
        ) : (
          <ul className="contact-list" aria-label={t('contacts.caseTitle')}>
            {contacts.data.map((contact) => {
              const link = contact.links.find((l) => l.caseId === caseFile.id);
              return (
                <li key={contact.id} className={`contact-card contact-card--${contact.sensitivity}`}>
                  <div className="contact-card__header">
                    <div>
                      <h3 className="contact-card__name" dir="auto">
                        {contact.name}
                      </h3>
                      {contact.originalNames.length > 0 ? (
                        <p className="contact-card__original" dir="auto">
                          {contact.originalNames.join(' · ')}
                        </p>
                      ) : null}
                      <p className="muted small">
                        {link ? t(`enums.role.${link.role}`) : null}
                        {link?.relationship ? (
                          <>
                            {' · '}
                            <span dir="auto">{link.relationship}</span>
                          </>
                        ) : null}
                      </p>
                    </div>
                    <SensitivityBadge sensitivity={contact.sensitivity} />
                  </div>
                  <ContactDetails contact={contact} />
                  <div className="contact-card__actions">
                    <Button aria-label={t('contacts.editNamed', { name: contact.name })} onClick={() => guard(() => setEditing({ kind: 'edit', contact }))}>
                      {t('contacts.edit')}
                    </Button>
                    <Button variant="ghost" aria-label={t('contacts.unlinkNamed', { name: contact.name })} onClick={() => setUnlinking(contact)}>
                      {t('contacts.unlink')}
                    </Button>
                  </div>
                </li>
              );
            })}
          </ul>
        )
      ) : !contacts.isError ? (
        <p className="muted">{t('common.loading')}</p>
      ) : null}
      <ConfirmDialog
        open={unlinking !== null}
        title={t('contacts.unlinkTitle')}
        confirmLabel={t('contacts.unlinkConfirm')}
        pending={unlink.isPending}
        error={unlink.isError ? asAppError(unlink.error) : null}
        onConfirm={() => unlinking && unlink.mutate({ caseId: caseFile.id, contactId: unlinking.id }, { onSuccess: closeUnlink })}
        onClose={closeUnlink}
      >
        {unlinking ? (
          <p>
            {t('contacts.unlinkBody', { name: unlinking.name, code: caseFile.code })}
            {unlinking.links.length === 1 ? ` ${t('contacts.unlinkLast')}` : ''}
          </p>
        ) : null}
      </ConfirmDialog>
    </section>
  );
}
