import { useId, useState, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { useTranslation } from 'react-i18next';
import { describedBy, FieldFrame } from './Field';

interface TextFieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id'> {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  /** Rendered after the input, inside the same row (e.g. a "Choose…" button). */
  trailing?: ReactNode;
  ref?: Ref<HTMLInputElement>;
  /** Extra ids the input should be described by (e.g. a strength meter). */
  describedById?: string;
  monospace?: boolean;
}

export function TextField({ label, description, error, trailing, ref, describedById, monospace, className, ...rest }: TextFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} description={description} error={error} className={className}>
      <div className="field__row">
        <input
          ref={ref}
          id={id}
          className={['input', monospace ? 'input--mono' : null].filter(Boolean).join(' ')}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, Boolean(description), Boolean(error), describedById)}
          spellCheck={false}
          // Never remembered by the browser (autofill, form-state restore on disk); a caller may opt in.
          autoComplete="off"
          {...rest}
        />
        {trailing}
      </div>
    </FieldFrame>
  );
}

type PasswordFieldProps = Omit<TextFieldProps, 'type' | 'trailing'>;

/** A passphrase input with a show/hide toggle. Never autocompleted or spell-checked. */
export function PasswordField(props: PasswordFieldProps) {
  const { t } = useTranslation();
  const [visible, setVisible] = useState(false);
  return (
    <TextField
      {...props}
      type={visible ? 'text' : 'password'}
      autoComplete={props.autoComplete ?? 'off'}
      autoCapitalize="off"
      autoCorrect="off"
      trailing={
        <button
          type="button"
          className="btn btn--ghost field__toggle"
          aria-pressed={visible}
          aria-label={t('common.showPassphrase')}
          onClick={() => setVisible((v) => !v)}
        >
          {visible ? t('common.hide') : t('common.show')}
        </button>
      }
    />
  );
}
