import { useTranslation } from 'react-i18next';
import { passphraseLength, PASSPHRASE_MIN_LENGTH } from '../../../../shared/passphrase-policy';
import { estimateStrength, STRONG_ENOUGH_SCORE } from './strength';

interface PassphraseStrengthProps {
  id: string;
  passphrase: string;
}

const LEVELS = ['veryWeak', 'weak', 'fair', 'strong', 'veryStrong'] as const;

/** The live meter under a new passphrase: score, bar, and zxcvbn's advice. */
export function PassphraseStrength({ id, passphrase }: PassphraseStrengthProps) {
  const { t } = useTranslation();
  if (passphrase.length === 0) {
    return (
      <div className="strength" id={id}>
        <p className="strength__hint">{t('passphrase.strength.empty', { min: PASSPHRASE_MIN_LENGTH })}</p>
      </div>
    );
  }
  const strength = estimateStrength(passphrase);
  const length = passphraseLength(passphrase);
  // Below the minimum the passphrase cannot be used, whatever zxcvbn thinks of it.
  const tooShort = length < PASSPHRASE_MIN_LENGTH;
  const level = tooShort ? 'tooShort' : LEVELS[strength.score];
  const filled = tooShort ? 0 : strength.score;
  return (
    <div className="strength" id={id} data-level={level}>
      <div className="strength__bar" aria-hidden="true">
        {[0, 1, 2, 3, 4].map((segment) => (
          <span key={segment} className="strength__segment" data-filled={segment <= filled ? 'true' : 'false'} />
        ))}
      </div>
      <p className="strength__label">
        {t('passphrase.strength.label', { level: t(`passphrase.strength.levels.${level}`) })}
        <span className="strength__length">{t('passphrase.strength.length', { count: length })}</span>
      </p>
      {!tooShort && strength.score < STRONG_ENOUGH_SCORE && (strength.warning || strength.suggestions.length > 0) ? (
        <ul className="strength__feedback">
          {strength.warning ? <li>{strength.warning}</li> : null}
          {strength.suggestions.map((suggestion) => (
            <li key={suggestion}>{suggestion}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
