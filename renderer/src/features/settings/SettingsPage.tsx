import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { useSession } from '../session/SessionProvider';
import { AutoLockSetting } from './AutoLockSetting';
import { CaseworkerNameSetting } from './CaseworkerNameSetting';
import { ChangePassphraseForm } from './ChangePassphraseForm';
import { RecoveryKeySettings } from './RecoveryKeySettings';
import { ReferralWaitSetting } from './ReferralWaitSetting';
import { VaultDetails } from './VaultDetails';
import { OrganisationSetting } from '../packets/OrganisationSetting';
import { ProfilesSettings } from '../profiles/ProfilesSettings';
import { BackupSettings } from '../backup/BackupSettings';
import { useSettings, useVaultInfo } from './queries';

export function SettingsPage() {
  const { t } = useTranslation();
  const session = useSession();
  const settings = useSettings();
  const info = useVaultInfo();

  return (
    <div className="page">
      <header className="page__header">
        <h1 className="page__title">{t('sections.settings.title')}</h1>
        <p className="page__lead">{t('settings.lead')}</p>
      </header>
      <div className="stack stack--lg">
        {settings.isError ? <ErrorAlert error={asAppError(settings.error)} /> : null}
        {info.isError ? <ErrorAlert error={asAppError(info.error)} /> : null}
        {settings.isPending || info.isPending ? <p className="muted">{t('common.loading')}</p> : null}

        {settings.data ? (
          <>
            <AutoLockSetting minutes={settings.data.autoLockMinutes} />
            <Card title={t('settings.lockNow.title')} description={t('settings.lockNow.description')}>
              <div className="form-actions form-actions--start">
                <Button onClick={() => void session.lock('user')}>{t('settings.lockNow.action')}</Button>
              </div>
            </Card>
            <CaseworkerNameSetting name={settings.data.caseworkerName} />
            <OrganisationSetting name={settings.data.organisationName} contact={settings.data.organisationContact} />
            <ProfilesSettings />
            <ReferralWaitSetting days={settings.data.referralWaitDays} />
            <BackupSettings settings={settings.data} />
          </>
        ) : null}
        <ChangePassphraseForm />
        {info.data ? (
          <>
            <RecoveryKeySettings hasRecoveryKey={info.data.hasRecoveryKey} />
            <VaultDetails info={info.data} />
          </>
        ) : null}
      </div>
    </div>
  );
}
