import { useId } from 'react';
import { useFormContext, useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Alert } from '../../components/Alert';
import { Checkbox } from '../../components/Checkbox';
import { PasswordField } from '../../components/TextField';
import { useFieldError } from '../../lib/use-field-error';
import type { NewPassphraseValues } from './passphrase-schema';
import { PassphraseStrength } from './PassphraseStrength';
import { isWeak } from './strength';

interface NewPassphraseFieldsProps {
  /** Label of the first field: "Passphrase" when creating, "New passphrase" when changing. */
  label: string;
}

/**
 * New passphrase + confirmation with the live strength meter and, for a weak
 * passphrase, the explicit "use it anyway". Used inside a FormProvider whose
 * values include NewPassphraseValues.
 */
export function NewPassphraseFields({ label }: NewPassphraseFieldsProps) {
  const { t } = useTranslation();
  const fieldError = useFieldError();
  const strengthId = useId();
  const {
    register,
    control,
    formState: { errors, isSubmitted },
  } = useFormContext<NewPassphraseValues>();
  const passphrase = useWatch({ control, name: 'newPassphrase' }) ?? '';
  const weak = isWeak(passphrase);

  return (
    <div className="stack stack--md">
      <div className="stack stack--xs">
        <PasswordField
          label={label}
          autoComplete="new-password"
          error={fieldError(errors.newPassphrase?.message)}
          describedById={strengthId}
          {...register('newPassphrase', { deps: isSubmitted ? ['confirmPassphrase', 'acceptWeak'] : [] })}
        />
        <PassphraseStrength id={strengthId} passphrase={passphrase} />
      </div>
      {weak ? (
        <Alert tone="warning" title={t('passphrase.weak.title')}>
          <p>{t('passphrase.weak.body')}</p>
          <Checkbox
            className="alert__control"
            label={t('passphrase.weak.accept')}
            error={fieldError(errors.acceptWeak?.message)}
            {...register('acceptWeak')}
          />
        </Alert>
      ) : null}
      <PasswordField
        label={t('passphrase.confirm')}
        autoComplete="new-password"
        error={fieldError(errors.confirmPassphrase?.message)}
        {...register('confirmPassphrase')}
      />
    </div>
  );
}
