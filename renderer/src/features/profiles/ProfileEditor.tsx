import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DisclosureProfile } from '../../../../shared/domain/disclosure-profile';
import { RECIPIENT_TYPES, type RecipientType } from '../../../../shared/domain/enums';
import { NEVER_DISCLOSED_CLASS, SENSITIVITY_CLASSES, type SensitivityClass } from '../../../../shared/domain/field-sensitivity';
import type { ProfileDto } from '../../../../shared/ipc/packets-contract';
import { Button } from '../../components/Button';
import { Card } from '../../components/Card';
import { ErrorAlert } from '../../components/ErrorAlert';
import { TextArea } from '../../components/TextArea';
import { TextField } from '../../components/TextField';
import { asAppError } from '../../lib/api';
import { useUnsavedChanges } from '../../lib/unsaved-changes';
import { useSaveProfile } from './queries';

/** The classes a caseworker may choose. 'internal' is never offered: it can never leave the vault. */
export const CHOOSABLE_CLASSES = SENSITIVITY_CLASSES.filter((cls) => cls !== NEVER_DISCLOSED_CLASS);

// Same rule as disclosure-profile.ts: "media/type" or a family "media/*".
const MEDIA_TYPE = /^[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/;

/** Choosing who is named or how precise places are also needs the class that carries it; the two move together. */
const LINKED = { clientIdentity: 'identity', relatives: 'third_party', places: 'precise_location' } as const satisfies Record<string, SensitivityClass>;

interface Draft {
  label: string;
  classes: SensitivityClass[];
  clientIdentity: DisclosureProfile['clientIdentity'];
  relatives: DisclosureProfile['relatives'];
  places: DisclosureProfile['places'];
  evidenceText: string;
  recipientTypes: RecipientType[];
}

function draftOf(profile: DisclosureProfile): Draft {
  return {
    label: profile.label,
    classes: profile.classes.filter((cls) => cls !== NEVER_DISCLOSED_CLASS),
    clientIdentity: profile.clientIdentity,
    relatives: profile.relatives,
    places: profile.places,
    evidenceText: profile.evidence.join('\n'),
    recipientTypes: [...profile.recipientTypes],
  };
}

function mediaTypesOf(text: string): string[] {
  return text
    .split(/[\n,]+/)
    .map((line) => line.trim().toLowerCase())
    .filter(Boolean);
}

interface ProfileEditorProps {
  dto: ProfileDto;
  /** Every profile, to say which one is the default for each recipient type now. */
  all: readonly ProfileDto[];
  onDone: (saved: boolean) => void;
}

/** Edits this vault's copy of one disclosure profile. */
export function ProfileEditor({ dto, all, onDone }: ProfileEditorProps) {
  const { t } = useTranslation();
  const save = useSaveProfile();
  const ids = useId();
  const initial = draftOf(dto.profile);
  const [draft, setDraft] = useState<Draft>(initial);
  const [submitted, setSubmitted] = useState(false);
  useUnsavedChanges(JSON.stringify(draft) !== JSON.stringify(initial));

  const mediaTypes = mediaTypesOf(draft.evidenceText);
  const badTypes = mediaTypes.filter((type) => !MEDIA_TYPE.test(type));
  const labelError = draft.label.trim() === '' ? t('profiles.editor.labelRequired') : draft.label.trim().length > 200 ? t('records.errors.max200') : undefined;
  const evidenceError = badTypes.length > 0 ? t('profiles.editor.badMediaTypes', { types: badTypes.join(', ') }) : undefined;

  const hasClass = (cls: SensitivityClass) => draft.classes.includes(cls);
  const setClass = (cls: SensitivityClass, on: boolean) =>
    setDraft((d) => {
      const classes = on ? [...d.classes.filter((c) => c !== cls), cls] : d.classes.filter((c) => c !== cls);
      // Dropping the class that a "named"/"city" choice needs falls back to the safer choice.
      return {
        ...d,
        classes,
        clientIdentity: cls === LINKED.clientIdentity && !on ? 'pseudonymised' : d.clientIdentity,
        relatives: cls === LINKED.relatives && !on ? 'role_labels' : d.relatives,
        places: cls === LINKED.places && !on ? 'country' : d.places,
      };
    });
  const withClass = (d: Draft, cls: SensitivityClass, on: boolean): SensitivityClass[] => (on && !d.classes.includes(cls) ? [...d.classes, cls] : d.classes);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setSubmitted(true);
    if (labelError || evidenceError) return;
    const ordered = CHOOSABLE_CLASSES.filter((cls) => draft.classes.includes(cls));
    const profile: DisclosureProfile = {
      id: dto.profile.id,
      label: draft.label.trim(),
      recipientTypes: RECIPIENT_TYPES.filter((type) => draft.recipientTypes.includes(type)),
      classes: ordered,
      clientIdentity: draft.clientIdentity,
      relatives: draft.relatives,
      places: draft.places,
      evidence: [...new Set(mediaTypes)],
    };
    save.mutate({ profile }, { onSuccess: () => onDone(true) });
  };

  const defaultOf = (type: RecipientType) => all.find((p) => p.profile.id !== dto.profile.id && p.profile.recipientTypes.includes(type));

  return (
    <Card title={t('profiles.editor.title', { label: dto.profile.label })} level={3} className="profile-editor">
      <form className="stack stack--lg" noValidate onSubmit={submit} aria-label={t('profiles.editor.formLabel', { label: dto.profile.label })}>
        <div className="rec-form-grid">
          <TextField label={t('profiles.editor.label')} dir="auto" autoComplete="off" maxLength={200} value={draft.label} error={submitted ? labelError : undefined} onChange={(e) => setDraft({ ...draft, label: e.target.value })} />
          <TextField label={t('profiles.editor.id')} description={t('profiles.editor.idHint')} value={dto.profile.id} readOnly dir="ltr" />
        </div>

        <fieldset className="check-group">
          <legend className="field__label">{t('profiles.editor.classes')}</legend>
          <p className="field__description">{t('profiles.editor.classesHint')}</p>
          <ul className="profile-classes">
            {CHOOSABLE_CLASSES.map((cls) => (
              <li key={cls} className="profile-class">
                <input id={`${ids}-${cls}`} type="checkbox" checked={hasClass(cls)} aria-describedby={`${ids}-${cls}-d`} onChange={(e) => setClass(cls, e.target.checked)} />
                <span className="profile-class__text">
                  <label className="profile-class__label" htmlFor={`${ids}-${cls}`}>
                    {t(`profiles.classes.${cls}.label`)}
                  </label>
                  <span className="profile-class__description" id={`${ids}-${cls}-d`}>
                    {t(`profiles.classes.${cls}.description`)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
          <p className="profile-internal">{t('profiles.editor.internalNever')}</p>
        </fieldset>

        <div className="profile-choices">
          <RadioGroup
            legend={t('profiles.editor.clientIdentity')}
            hint={t('profiles.editor.clientIdentityHint')}
            value={draft.clientIdentity}
            options={['pseudonymised', 'named'] as const}
            labelOf={(v) => t(`profiles.clientIdentity.${v}`)}
            onChange={(v) => setDraft((d) => ({ ...d, clientIdentity: v, classes: withClass(d, LINKED.clientIdentity, v === 'named') }))}
          />
          <RadioGroup
            legend={t('profiles.editor.relatives')}
            hint={t('profiles.editor.relativesHint')}
            value={draft.relatives}
            options={['role_labels', 'named'] as const}
            labelOf={(v) => t(`profiles.relatives.${v}`)}
            onChange={(v) => setDraft((d) => ({ ...d, relatives: v, classes: withClass(d, LINKED.relatives, v === 'named') }))}
          />
          <RadioGroup
            legend={t('profiles.editor.places')}
            hint={t('profiles.editor.placesHint')}
            value={draft.places}
            options={['country', 'city'] as const}
            labelOf={(v) => t(`profiles.places.${v}`)}
            onChange={(v) => setDraft((d) => ({ ...d, places: v, classes: withClass(d, LINKED.places, v === 'city') }))}
          />
        </div>

        <TextArea
          className="field--medium"
          label={t('profiles.editor.evidence')}
          description={t('profiles.editor.evidenceHint')}
          rows={6}
          dir="ltr"
          spellCheck={false}
          value={draft.evidenceText}
          error={evidenceError}
          onChange={(e) => setDraft({ ...draft, evidenceText: e.target.value })}
        />

        <fieldset className="check-group">
          <legend className="field__label">{t('profiles.editor.defaultFor')}</legend>
          <p className="field__description">{t('profiles.editor.defaultForHint')}</p>
          <ul className="profile-defaults">
            {RECIPIENT_TYPES.map((type) => {
              const other = defaultOf(type);
              const checked = draft.recipientTypes.includes(type);
              return (
                <li key={type} className="profile-class">
                  <input
                    id={`${ids}-default-${type}`}
                    type="checkbox"
                    checked={checked}
                    aria-describedby={other ? `${ids}-default-${type}-d` : undefined}
                    onChange={(e) => setDraft((d) => ({ ...d, recipientTypes: e.target.checked ? [...d.recipientTypes, type] : d.recipientTypes.filter((x) => x !== type) }))}
                  />
                  <span className="profile-class__text">
                    <label className="profile-class__label" htmlFor={`${ids}-default-${type}`}>
                      {t(`recipientTypes.${type}`)}
                    </label>
                    {other ? (
                      <span className={['profile-class__description', checked ? 'profile-class__description--warn' : null].filter(Boolean).join(' ')} id={`${ids}-default-${type}-d`}>
                        {t('profiles.editor.nowDefault', { label: other.profile.label })}
                      </span>
                    ) : null}
                  </span>
                </li>
              );
            })}
          </ul>
        </fieldset>

        <ErrorAlert error={save.isError ? asAppError(save.error) : null} />
        <div className="form-actions form-actions--start">
          <Button type="submit" variant="primary" pending={save.isPending}>
            {t('profiles.editor.save')}
          </Button>
          <Button variant="ghost" onClick={() => onDone(false)}>
            {t('common.cancel')}
          </Button>
        </div>
      </form>
    </Card>
  );
}

interface RadioGroupProps<V extends string> {
  legend: string;
  hint: string;
  value: V;
  options: readonly V[];
  labelOf: (value: V) => string;
  onChange: (value: V) => void;
}

function RadioGroup<V extends string>({ legend, hint, value, options, labelOf, onChange }: RadioGroupProps<V>) {
  const name = useId();
  return (
    <fieldset className="check-group">
      <legend className="field__label">{legend}</legend>
      <p className="field__description">{hint}</p>
      <div className="profile-radios">
        {options.map((option) => (
          <label key={option} className="check-group__item">
            <input type="radio" name={name} value={option} checked={value === option} onChange={() => onChange(option)} />
            <span>{labelOf(option)}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}
