import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ReferralDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { PacketBuilderDialog } from './PacketBuilderDialog';
import { PacketHistory } from './PacketHistory';

/** On a referral in its case: "Prepare packet…" and the packets already sent for it. */
export function ReferralPackets({ referral }: { referral: ReferralDto }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [building, setBuilding] = useState(false);
  return (
    <section className="referral-packets" aria-labelledby={headingId}>
      <div className="referral-packets__head">
        <h4 className="referral-packets__title" id={headingId}>
          {t('packets.history.title')}
        </h4>
        <Button onClick={() => setBuilding(true)} aria-label={t('packets.prepareNamed', { org: referral.recipientOrg })}>
          {t('packets.prepare')}
        </Button>
      </div>
      <PacketHistory referralId={referral.id} headingId={headingId} />
      {building ? <PacketBuilderDialog referral={referral} onClose={() => setBuilding(false)} /> : null}
    </section>
  );
}

/** In the table of all referrals: prepare a packet, or see the ones sent, without opening the case. */
export function ReferralPacketActions({ referral }: { referral: ReferralDto }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<'build' | 'history' | null>(null);
  const historyTitleId = useId();
  return (
    <div className="referral-packet-actions">
      <Button variant="secondary" onClick={() => setOpen('build')} aria-label={t('packets.prepareNamed', { org: referral.recipientOrg })}>
        {t('packets.prepare')}
      </Button>
      <Button variant="link" onClick={() => setOpen('history')} aria-label={t('packets.history.showNamed', { org: referral.recipientOrg })}>
        {t('packets.history.show')}
      </Button>
      {open === 'build' ? <PacketBuilderDialog referral={referral} onClose={() => setOpen(null)} /> : null}
      <Dialog
        open={open === 'history'}
        title={
          <span id={historyTitleId}>
            {t('packets.history.title')} — <span dir="auto">{referral.recipientOrg}</span> <span className="mono">{referral.caseCode}</span>
          </span>
        }
        onClose={() => setOpen(null)}
        footer={<Button onClick={() => setOpen(null)}>{t('packets.builder.close')}</Button>}
      >
        <div className="packet-history-dialog">
          <PacketHistory referralId={referral.id} headingId={historyTitleId} />
        </div>
      </Dialog>
    </div>
  );
}
