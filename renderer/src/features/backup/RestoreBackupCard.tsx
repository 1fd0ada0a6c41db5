import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { RestoreBackupDialog } from './RestoreBackupDialog';

/** On the welcome screen: "Restore from a backup…" opens the restore dialog. */
export function RestoreBackupCard({ className }: { className?: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  return (
    <Card title={t('backup.restore.cardTitle')} description={t('backup.restore.cardDescription')} className={className}>
      <div className="card__actions">
        <Button variant="secondary" onClick={() => setOpen(true)}>
          {t('backup.restore.open')}
        </Button>
      </div>
      <RestoreBackupDialog open={open} onClose={() => setOpen(false)} />
    </Card>
  );
}
