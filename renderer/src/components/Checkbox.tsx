import { useId, type InputHTMLAttributes, type ReactNode, type Ref } from 'react';
import { describedBy, fieldIds } from './Field';

interface CheckboxProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'id' | 'type'> {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  ref?: Ref<HTMLInputElement>;
}

export function Checkbox({ label, description, error, ref, className, ...rest }: CheckboxProps) {
  const id = useId();
  const ids = fieldIds(id);
  return (
    <div className={['checkbox', className].filter(Boolean).join(' ')}>
      <input
        ref={ref}
        id={id}
        type="checkbox"
        className="checkbox__input"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(description), Boolean(error))}
        {...rest}
      />
      <div className="checkbox__text">
        <label htmlFor={id} className="checkbox__label">
          {label}
        </label>
        {description ? (
          <p className="field__description" id={ids.description}>
            {description}
          </p>
        ) : null}
        {error ? (
          <p className="field__error" id={ids.error}>
            <span className="field__error-icon" aria-hidden="true">!</span>
            {error}
          </p>
        ) : null}
      </div>
    </div>
  );
}
