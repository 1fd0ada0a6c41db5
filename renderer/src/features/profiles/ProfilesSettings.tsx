import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProfileDto } from '../../../../shared/ipc/packets-contract';
import { Alert } from '../../components/Alert';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ConfirmDialog } from '../../components/ConfirmDialog';
import { ErrorAlert } from '../../components/ErrorAlert';
import { asAppError } from '../../lib/api';
import { Fact } from '../history/Fact';
import { formatInstant } from '../history/record-format';
import { CloneProfileDialog } from './CloneProfileDialog';
import { CHOOSABLE_CLASSES, ProfileEditor } from './ProfileEditor';
import { useProfiles, useResetProfile } from './queries';
import '../../styles/packets.css';

const SOURCE_TONE = { shipped: '', modified: 'rec-badge--warning', custom: 'rec-badge--status-sent' } as const;

/** Settings → Disclosure profiles: what each kind of recipient gets, edited per vault. */
export function ProfilesSettings() {
  const { t } = useTranslation();
  const profiles = useProfiles();
  const reset = useResetProfile();
  const [editing, setEditing] = useState<string | null>(null);
  const [cloning, setCloning] = useState<ProfileDto | null>(null);
  const [resetting, setResetting] = useState<ProfileDto | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = profiles.data ?? [];

  return (
    <Card title={t('profiles.title')} description={t('profiles.description')}>
      <div className="stack stack--md">
        <ErrorAlert error={profiles.isError ? asAppError(profiles.error) : null} />
        {profiles.isPending ? <p className="muted">{t('common.loading')}</p> : null}
        <div className="live-slot" role="status">
          {notice ? <Alert tone="success">{notice}</Alert> : null}
        </div>
        <ul className="record-list profile-list" aria-label={t('profiles.title')}>
          {list.map((dto) => {
            const p = dto.profile;
            const headingId = `profile-${p.id}`;
            return (
              <li key={p.id} className="record profile-item" aria-labelledby={headingId}>
                <div className="record__head">
                  <h3 className="record__title" id={headingId}>
                    <span dir="auto">{p.label}</span>
                    <span className="record__kicker mono">{p.id}</span>
                  </h3>
                  <div className="record__actions">
                    <span className={`rec-badge ${SOURCE_TONE[dto.source]}`}>{t(`profiles.source.${dto.source}`)}</span>
                  </div>
                </div>
                {dto.updatedAt ? <p className="record__meta">{t('profiles.updatedAt', { date: formatInstant(dto.updatedAt) })}</p> : null}
                <dl className="record__facts">
                  <Fact label={t('profiles.defaultFor')}>
                    {p.recipientTypes.length > 0 ? (
                      <ul className="tag-list">
                        {p.recipientTypes.map((type) => (
                          <li key={type} className="tag">
                            {t(`recipientTypes.${type}`)}
                          </li>
                        ))}
                      </ul>
                    ) : (
                      <span className="muted">{t('profiles.noDefault')}</span>
                    )}
                  </Fact>
                  <Fact label={t('profiles.people')}>
                    {t(`profiles.clientIdentity.${p.clientIdentity}`)}
                    <br />
                    {t(`profiles.relatives.${p.relatives}`)}
                  </Fact>
                  <Fact label={t('profiles.placesLabel')}>{t(`profiles.places.${p.places}`)}</Fact>
                  <Fact label={t('profiles.evidenceLabel')}>
                    {p.evidence.length > 0 ? <span className="mono small">{p.evidence.join(', ')}</span> : <span className="muted">{t('profiles.summary.noEvidence')}</span>}
                  </Fact>
                  <Fact label={t('profiles.classesLabel', { count: p.classes.length, total: CHOOSABLE_CLASSES.length })} wide>
                    <ul className="tag-list">
                      {CHOOSABLE_CLASSES.filter((cls) => p.classes.includes(cls)).map((cls) => (
                        <li key={cls} className="tag">
                          {t(`profiles.classes.${cls}.label`)}
                        </li>
                      ))}
                    </ul>
                  </Fact>
                </dl>
                <div className="button-row">
                  <Button
                    variant="secondary"
                    aria-expanded={editing === p.id}
                    aria-label={t('profiles.editNamed', { label: p.label })}
                    onClick={() => {
                      setNotice(null);
                      setEditing(editing === p.id ? null : p.id);
                    }}
                  >
                    {t('profiles.edit')}
                  </Button>
                  <Button variant="secondary" aria-label={t('profiles.cloneNamed', { label: p.label })} onClick={() => setCloning(dto)}>
                    {t('profiles.clone')}
                  </Button>
                  {dto.source !== 'shipped' ? (
                    <Button
                      variant="danger"
                      aria-label={t(dto.source === 'custom' ? 'profiles.deleteNamed' : 'profiles.resetNamed', { label: p.label })}
                      onClick={() => {
                        reset.reset();
                        setResetting(dto);
                      }}
                    >
                      {dto.source === 'custom' ? t('profiles.delete') : t('profiles.reset')}
                    </Button>
                  ) : null}
                </div>
                {editing === p.id ? (
                  <ProfileEditor
                    key={`${p.id}-${dto.updatedAt ?? 'shipped'}`}
                    dto={dto}
                    all={list}
                    onDone={(saved) => {
                      setEditing(null);
                      if (saved) setNotice(t('profiles.saved', { label: p.label }));
                    }}
                  />
                ) : null}
              </li>
            );
          })}
        </ul>
      </div>

      {cloning ? (
        <CloneProfileDialog
          from={cloning}
          onClose={() => setCloning(null)}
          onCloned={(dto) => {
            setCloning(null);
            setNotice(t('profiles.cloned', { label: dto.profile.label }));
            setEditing(dto.profile.id);
          }}
        />
      ) : null}

      <ConfirmDialog
        open={resetting !== null}
        title={resetting?.source === 'custom' ? t('profiles.deleteTitle') : t('profiles.resetTitle')}
        confirmLabel={resetting?.source === 'custom' ? t('profiles.deleteConfirm') : t('profiles.resetConfirm')}
        pending={reset.isPending}
        error={reset.isError ? asAppError(reset.error) : null}
        onClose={() => setResetting(null)}
        onConfirm={() => {
          if (!resetting) return;
          const done = resetting;
          reset.mutate(
            { id: done.profile.id },
            {
              onSuccess: () => {
                setResetting(null);
                if (editing === done.profile.id) setEditing(null);
                setNotice(t(done.source === 'custom' ? 'profiles.deleted' : 'profiles.wasReset', { label: done.profile.label }));
              },
            },
          );
        }}
      >
        <p>
          <span className="strong" dir="auto">
            {resetting?.profile.label}
          </span>
        </p>
        <p>{resetting?.source === 'custom' ? t('profiles.deleteBody') : t('profiles.resetBody')}</p>
      </ConfirmDialog>
    </Card>
  );
}
