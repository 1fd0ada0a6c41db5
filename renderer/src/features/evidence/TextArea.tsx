import { useId, type ReactNode, type Ref, type TextareaHTMLAttributes } from 'react';
import { describedBy, FieldFrame } from '../../components/Field';

interface TextAreaProps extends Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'> {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  ref?: Ref<HTMLTextAreaElement>;
}

/** A labelled multi-line field in the style of TextField (the component library has none yet). */
export function TextArea({ label, description, error, ref, className, rows = 3, ...rest }: TextAreaProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} description={description} error={error} className={className}>
      <textarea
        ref={ref}
        id={id}
        rows={rows}
        dir="auto"
        className="input rec-textarea"
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, Boolean(description), Boolean(error))}
        {...rest}
      />
    </FieldFrame>
  );
}
