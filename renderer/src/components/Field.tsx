import type { ReactNode } from 'react';

/** Ids for the parts of a field, so the control can point at its description and error. */
export function fieldIds(id: string): { description: string; error: string } {
  return { description: `${id}-description`, error: `${id}-error` };
}

export function describedBy(id: string, hasDescription: boolean, hasError: boolean, extra?: string): string | undefined {
  const ids = fieldIds(id);
  const parts = [hasError ? ids.error : null, hasDescription ? ids.description : null, extra ?? null].filter(Boolean);
  return parts.length > 0 ? parts.join(' ') : undefined;
}

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  children: ReactNode;
  className?: string;
}

/** Label above, control, then the error (if any) and the description, both wired by id. */
export function FieldFrame({ id, label, description, error, children, className }: FieldFrameProps) {
  const ids = fieldIds(id);
  return (
    <div className={['field', className].filter(Boolean).join(' ')}>
      <label className="field__label" htmlFor={id}>
        {label}
      </label>
      {children}
      {error ? (
        <p className="field__error" id={ids.error}>
          <span className="field__error-icon" aria-hidden="true">!</span>
          {error}
        </p>
      ) : null}
      {description ? (
        <p className="field__description" id={ids.description}>
          {description}
        </p>
      ) : null}
    </div>
  );
}
