import { useId, type ReactNode, type Ref, type SelectHTMLAttributes } from 'react';
import { describedBy, FieldFrame } from './Field';

interface SelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'> {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  options: ReadonlyArray<SelectOption>;
  /** Further options in labelled groups (<optgroup>), after `options`. */
  groups?: ReadonlyArray<{ label: string; options: ReadonlyArray<SelectOption> }>;
  ref?: Ref<HTMLSelectElement>;
}

export interface SelectOption {
  value: string;
  label: string;
}

export function Select({ label, description, error, options, groups = [], ref, className, ...rest }: SelectProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} description={description} error={error} className={className}>
      <div className="field__row">
        <select
          ref={ref}
          id={id}
          className="input select"
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy(id, Boolean(description), Boolean(error))}
          {...rest}
        >
          {options.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
          {groups.map((group) => (
            <optgroup key={group.label} label={group.label}>
              {group.options.map((option) => (
                <option key={option.value} value={option.value}>
                  {option.label}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </div>
    </FieldFrame>
  );
}
