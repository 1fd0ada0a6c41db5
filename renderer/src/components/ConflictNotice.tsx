import { useTranslation } from 'react-i18next';
import { Alert } from './Alert';
import { Button } from './Button';

export interface ConflictField {
  /** Label shown to the user (already translated). */
  label: string;
  /** What the user typed. */
  mine: string;
  /** What is saved now (someone else's change). */
  theirs: string;
}

/**
 * Shown when a save was refused with CONFLICT: someone changed the record
 * after this form was opened. Lists the fields where the saved version now
 * differs from what the user typed, so nothing is silently overwritten; the
 * user then continues from the current version (keeping their typed values
 * visible here to copy back).
 */
export function ConflictNotice({ message, fields, onUseCurrent }: { message: string; fields: ConflictField[]; onUseCurrent: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert tone="warning" live="alert" title={t('conflict.title')}>
      <p>{message}</p>
      {fields.length > 0 ? (
        <table className="conflict-table">
          <caption className="visually-hidden">{t('conflict.tableCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('conflict.field')}</th>
              <th scope="col">{t('conflict.yours')}</th>
              <th scope="col">{t('conflict.saved')}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((field) => (
              <tr key={field.label}>
                <th scope="row">{field.label}</th>
                <td dir="auto">{field.mine}</td>
                <td dir="auto">{field.theirs}</td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : null}
      <Button variant="secondary" onClick={onUseCurrent}>
        {t('conflict.useCurrent')}
      </Button>
    </Alert>
  );
}
