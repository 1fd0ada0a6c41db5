import type { ReactNode } from 'react';
import { Checkbox } from '../../components/Checkbox';

interface CheckboxGroupProps {
  legend: string;
  options: ReadonlyArray<{ value: string; label: ReactNode; description?: ReactNode }>;
  value: string[];
  onChange: (value: string[]) => void;
  empty: ReactNode;
}

/** A multi-select as a labelled group of checkboxes (readable and keyboard friendly). */
export function CheckboxGroup({ legend, options, value, onChange, empty }: CheckboxGroupProps) {
  return (
    <fieldset className="field checkbox-group">
      <legend className="field__label">{legend}</legend>
      {options.length === 0 ? (
        <p className="field__description">{empty}</p>
      ) : (
        <div className="checkbox-group__options">
          {options.map((option) => (
            <Checkbox
              key={option.value}
              label={option.label}
              description={option.description}
              checked={value.includes(option.value)}
              onChange={(event) => onChange(event.target.checked ? [...value, option.value] : value.filter((v) => v !== option.value))}
            />
          ))}
        </div>
      )}
    </fieldset>
  );
}
