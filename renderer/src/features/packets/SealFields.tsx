import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { Checkbox } from '../../components/Checkbox';
import { PasswordField } from '../../components/TextField';

/** Shortest sealing passphrase the service accepts (packets-contract). */
export const MIN_SEAL_LENGTH = 12;

export interface SealState {
  enabled: boolean;
  passphrase: string;
  confirm: string;
}

export const NO_SEAL: SealState = { enabled: false, passphrase: '', confirm: '' };

/** What is wrong with the sealing choice, as i18n keys (none when it is fine or off). */
export function sealProblems(seal: SealState): { passphrase?: string; confirm?: string } {
  if (!seal.enabled) return {};
  return {
    passphrase: seal.passphrase.length < MIN_SEAL_LENGTH ? 'packets.seal.tooShort' : undefined,
    confirm: seal.confirm !== seal.passphrase ? 'packets.seal.mismatch' : undefined,
  };
}

/** Optional: seal the ZIP with a passphrase, with what the recipient needs to know to open it. */
export function SealFields({ seal, onChange }: { seal: SealState; onChange: (seal: SealState) => void }) {
  const { t } = useTranslation();
  const titleId = useId();
  const problems = sealProblems(seal);
  return (
    <section className="packet-choice" aria-labelledby={titleId}>
      <h3 className="packet-choice__title" id={titleId}>
        {t('packets.seal.title')}
      </h3>
      <Checkbox
        label={t('packets.seal.enable')}
        description={t('packets.seal.enableHint')}
        checked={seal.enabled}
        onChange={(event) => onChange(event.target.checked ? { ...seal, enabled: true } : NO_SEAL)}
      />
      {seal.enabled ? (
        <div className="stack stack--md packet-seal">
          <PasswordField
            label={t('packets.seal.passphrase')}
            autoComplete="new-password"
            value={seal.passphrase}
            minLength={MIN_SEAL_LENGTH}
            maxLength={1024}
            description={t('packets.seal.passphraseHint', { count: MIN_SEAL_LENGTH })}
            error={seal.passphrase !== '' && problems.passphrase ? t(problems.passphrase, { count: MIN_SEAL_LENGTH }) : undefined}
            onChange={(event) => onChange({ ...seal, passphrase: event.target.value })}
          />
          <PasswordField
            label={t('packets.seal.confirm')}
            autoComplete="new-password"
            value={seal.confirm}
            maxLength={1024}
            error={seal.confirm !== '' && problems.confirm ? t(problems.confirm) : undefined}
            onChange={(event) => onChange({ ...seal, confirm: event.target.value })}
          />
          <div className="packet-seal__howto">
            <p className="strong">{t('packets.seal.howToTitle')}</p>
            <ul className="packet-bullets">
              <li>{t('packets.seal.howTo7zip')}</li>
              <li>{t('packets.seal.howToExplorer')}</li>
              <li>{t('packets.seal.howToChannel')}</li>
            </ul>
          </div>
        </div>
      ) : null}
    </section>
  );
}
