import { useTranslation } from 'react-i18next';
import type { ContactDto, ThreatDto } from '../../../../shared/domain/records';
import { Button } from '../../components/Button';
import { tacticLabel } from '../cases/labels';
import { formatThreatDate } from './threat-date';

interface ThreatTimelineProps {
  threats: ThreatDto[];
  contacts: ContactDto[];
  clientName: string;
  onEdit: (threat: ThreatDto) => void;
  onDelete: (threat: ThreatDto) => void;
}

/** Incidents, newest first (the service orders them by when they happened). */
export function ThreatTimeline({ threats, contacts, clientName, onEdit, onDelete }: ThreatTimelineProps) {
  const { t } = useTranslation();
  const nameOf = (id: string) => contacts.find((contact) => contact.id === id)?.name ?? t('threats.unknownContact');
  return (
    <ol className="timeline" aria-label={t('threats.timelineLabel')}>
      {threats.map((threat) => {
        const place = [threat.city, threat.country].filter(Boolean).join(', ');
        const title = threat.tacticId === 'other.other' && threat.tacticOther ? `${tacticLabel(t, threat.tacticId)}: ${threat.tacticOther}` : tacticLabel(t, threat.tacticId);
        return (
          <li key={threat.id} className="timeline__item">
            <article className="threat" aria-label={title}>
              <header className="threat__header">
                <p className="threat__date">{formatThreatDate(t, threat)}</p>
                <h3 className="threat__title" dir="auto">
                  {title}
                </h3>
                <span className={`severity severity--${threat.severity}`}>{t('threats.severityBadge', { level: threat.severity })}</span>
                <span className={`badge badge--verification-${threat.verification}`}>{t(`enums.verification.${threat.verification}`)}</span>
              </header>
              <dl className="threat__facts">
                {place ? (
                  <div>
                    <dt>{t('threats.fields.place')}</dt>
                    <dd dir="auto">{place}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t('threats.fields.channel')}</dt>
                  <dd>{t(`enums.channel.${threat.channel}`)}</dd>
                </div>
                <div>
                  <dt>{t('threats.fields.target')}</dt>
                  <dd dir="auto">{threat.targetContactId ? nameOf(threat.targetContactId) : t('threats.targetClient', { name: clientName })}</dd>
                </div>
                {threat.perpetratorIds.length > 0 ? (
                  <div>
                    <dt>{t('threats.fields.perpetrators')}</dt>
                    <dd dir="auto">{threat.perpetratorIds.map(nameOf).join(', ')}</dd>
                  </div>
                ) : null}
                <div>
                  <dt>{t('threats.fields.evidence')}</dt>
                  <dd>{t('threats.evidenceCount', { count: threat.evidenceIds.length })}</dd>
                </div>
              </dl>
              {threat.description ? (
                <p className="threat__description pre-line" dir="auto">
                  {threat.description}
                </p>
              ) : null}
              <div className="threat__actions">
                <Button variant="secondary" aria-label={t('threats.editNamed', { title })} onClick={() => onEdit(threat)}>
                  {t('threats.edit')}
                </Button>
                <Button variant="ghost" aria-label={t('threats.deleteNamed', { title })} onClick={() => onDelete(threat)}>
                  {t('threats.delete')}
                </Button>
              </div>
            </article>
          </li>
        );
      })}
    </ol>
  );
}
