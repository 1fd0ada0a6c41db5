import { useTranslation } from 'react-i18next';
import type { ContactDto } from '../../../../shared/domain/records';
import { formatDay } from '../history/record-format';

/** Location, the ways to reach a contact, and what identifies them, each value as text in its own direction. */
export function ContactDetails({ contact }: { contact: ContactDto }) {
  const { t } = useTranslation();
  const location = [contact.city, contact.country].filter(Boolean).join(', ');
  const rows: Array<[string, string[]]> = [
    [t('contacts.fields.location'), location ? [location] : []],
    [t('contacts.fields.phones'), contact.phones],
    [t('contacts.fields.emails'), contact.emails],
    [t('contacts.fields.handles'), contact.handles],
    [t('contacts.fields.dateOfBirth'), contact.dateOfBirth ? [formatDay(contact.dateOfBirth)] : []],
    [t('contacts.fields.identityDocuments'), contact.identityDocuments],
  ];
  const shown = rows.filter(([, values]) => values.length > 0);
  if (shown.length === 0) return <p className="muted small">{t('contacts.noDetails')}</p>;
  return (
    <dl className="contact-details">
      {shown.map(([label, values]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>
            {values.map((value) => (
              <span key={value} dir="auto" className="contact-details__value">
                {value}
              </span>
            ))}
          </dd>
        </div>
      ))}
    </dl>
  );
}
