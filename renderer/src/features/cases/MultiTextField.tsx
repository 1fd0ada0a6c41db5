import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';

interface MultiTextFieldProps {
  label: string;
  values: string[];
  onChange: (values: string[]) => void;
  description?: string;
  error?: string;
}

/** A list of short texts (names in original script, aliases, phones…): one input each, add and remove. */
export function MultiTextField({ label, values, onChange, description, error }: MultiTextFieldProps) {
  const { t } = useTranslation();
  const id = useId();
  const rows = values.length > 0 ? values : [''];
  const set = (index: number, value: string) => onChange(rows.map((v, i) => (i === index ? value : v)));
  return (
    <fieldset className="field multi-field" aria-describedby={description ? `${id}-description` : undefined}>
      <legend className="field__label">{label}</legend>
      {rows.map((value, index) => (
        <div className="field__row" key={index}>
          <input
            className="input"
            dir="auto"
            value={value}
            aria-label={rows.length > 1 ? t('recordForms.nth', { label, n: index + 1 }) : label}
            spellCheck={false}
            autoComplete="off"
            onChange={(event) => set(index, event.target.value)}
          />
          {rows.length > 1 ? (
            <Button variant="ghost" aria-label={t('recordForms.removeNth', { label, n: index + 1 })} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
              {t('recordForms.remove')}
            </Button>
          ) : null}
        </div>
      ))}
      <div>
        <Button variant="link" onClick={() => onChange([...rows, ''])}>
          {t('recordForms.addAnother', { label })}
        </Button>
      </div>
      {error ? <p className="field__error">{error}</p> : null}
      {description ? (
        <p className="field__description" id={`${id}-description`}>
          {description}
        </p>
      ) : null}
    </fieldset>
  );
}
