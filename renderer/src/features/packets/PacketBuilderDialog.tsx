import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralDto } from '../../../../shared/domain/records';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { Dialog } from '../../components/Dialog';
import { PacketBuilder, type ExportedPacket } from './PacketBuilder';
import { ManifestHash } from './PacketHistory';

/**
 * The packet builder as a large dialog over the referral it was opened from.
 * Closing with typed answers, a reason or a passphrase asks first.
 */
export function PacketBuilderDialog({ referral, onClose }: { referral: ReferralDto; onClose: () => void }) {
  const { t } = useTranslation();
  const [exported, setExported] = useState<ExportedPacket | null>(null);
  const [dirty, setDirty] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const onDirtyChange = useCallback((value: boolean) => setDirty(value), []);
  const close = () => (dirty && !exported ? setConfirming(true) : onClose());

  return (
    <>
      <Dialog
        open
        title={
          <>
            {t('packets.builder.title')} <span dir="auto">{referral.recipientOrg}</span>
          </>
        }
        onClose={close}
        footer={
          <Button variant={exported ? 'primary' : 'secondary'} onClick={close}>
            {exported ? t('packets.builder.done') : t('packets.builder.close')}
          </Button>
        }
      >
        {exported ? <ExportSuccess exported={exported} /> : <PacketBuilder referral={referral} onDirtyChange={onDirtyChange} onExported={setExported} />}
      </Dialog>
      <ConfirmDialog
        open={confirming}
        title={t('packets.builder.discardTitle')}
        confirmLabel={t('packets.builder.discard')}
        pending={false}
        error={null}
        onConfirm={onClose}
        onClose={() => setConfirming(false)}
      >
        <p>{t('packets.builder.discardBody')}</p>
      </ConfirmDialog>
    </>
  );
}

function ExportSuccess({ exported }: { exported: ExportedPacket }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => ref.current?.focus(), []);
  const { entry } = exported;
  return (
    <div className="packet-success" ref={ref} tabIndex={-1}>
      <Alert tone="success" live="status" title={t('packets.success.title')}>
        <p>{t('packets.success.savedTo')}</p>
        <code className="packet-success__path" dir="ltr">
          {exported.path}
        </code>
        <p className="strong">{t('packets.success.recorded')}</p>
      </Alert>
      <dl className="record__facts">
        <div className="fact">
          <dt className="fact__label">{t('packets.history.profile')}</dt>
          <dd className="fact__value" dir="auto">
            {entry.profileLabel}
          </dd>
        </div>
        <div className="fact">
          <dt className="fact__label">{t('packets.history.consent')}</dt>
          <dd className="fact__value">{entry.overrideReason ? t('packets.history.override') : t('packets.history.withConsent')}</dd>
        </div>
        <div className="fact">
          <dt className="fact__label">{t('packets.history.contents')}</dt>
          <dd className="fact__value">
            {[
              t('packets.history.threatCount', { count: entry.threatCount }),
              t('packets.history.fileCount', { count: entry.evidenceCount }),
              t('packets.history.redactionCount', { count: entry.redactionCount }),
            ].join(' · ')}
          </dd>
        </div>
        <div className="fact">
          <dt className="fact__label">{t('packets.history.sealed')}</dt>
          <dd className="fact__value">{entry.sealed ? t('packets.history.sealedYes') : t('packets.history.sealedNo')}</dd>
        </div>
        <div className="fact fact--wide">
          <dt className="fact__label">{t('packets.history.manifest')}</dt>
          <dd className="fact__value">
            <ManifestHash value={entry.manifestSha256} full />
          </dd>
        </div>
      </dl>
      {entry.sealed ? <Alert tone="info">{t('packets.success.sealedReminder')}</Alert> : null}
    </div>
  );
}
