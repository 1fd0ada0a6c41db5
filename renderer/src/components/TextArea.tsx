import { useId, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';
import { describedBy, FieldFrame } from './Field';

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  ref?: Ref<HTMLTextAreaElement>;
}

/** Multi-line text in any script; the direction follows the text. */
export function TextArea({ label, description, error, ref, className, rows = 4, ...rest }: TextAreaProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} description={description} error={error} className={className}>
      <textarea
        ref={ref}
        id={id}
        rows={rows}
        dir="auto"
        className="input textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(description), Boolean(error))}
        // Chromium keeps the values of form controls it may "restore" (session
        // restore, back/forward) on disk unless autocomplete is off.
        autoComplete="off"
        {...rest}
      />
    </FieldFrame>
  );
}
