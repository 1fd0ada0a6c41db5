import { useTranslation } from 'react-i18next';
import type { ProfileDto } from '../../../../shared/ipc/packets-contract';
import { Select } from '../../components/Select';
import { useProfiles } from '../profiles/queries';

interface ProfileChoiceProps {
  /** The profile the preview used (the recipient type's default until one is chosen). */
  current: ProfileDto;
  onChange: (profileId: string) => void;
}

/** Which disclosure profile shapes this packet, and in one line what it does. */
export function ProfileChoice({ current, onChange }: ProfileChoiceProps) {
  const { t } = useTranslation();
  const profiles = useProfiles();
  const list = profiles.data ?? [current];
  const profile = current.profile;
  const summary = [
    t(`profiles.clientIdentity.${profile.clientIdentity}`),
    t(`profiles.relatives.${profile.relatives}`),
    t(`profiles.places.${profile.places}`),
    profile.evidence.length > 0 ? t('profiles.summary.evidence', { types: profile.evidence.join(', ') }) : t('profiles.summary.noEvidence'),
  ].join(' · ');
  return (
    <div className="packet-choice">
      <Select
        label={t('packets.profile.label')}
        description={t('packets.profile.hint')}
        value={profile.id}
        onChange={(event) => onChange(event.target.value)}
        options={list.map((p) => ({ value: p.profile.id, label: p.profile.label }))}
      />
      <p className="packet-choice__summary small" dir="auto">
        {summary}
      </p>
    </div>
  );
}
