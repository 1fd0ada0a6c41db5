import { z } from 'zod';
import profilesData from '../../resources/profiles/default-profiles.json';
import { AppError } from '../errors';
import { RECIPIENT_TYPES, type RecipientType } from './enums';
import { classOf, NEVER_DISCLOSED_CLASS, SENSITIVITY_CLASSES, type SensitivityClass } from './field-sensitivity';

/**
 * Disclosure profiles (resources/profiles/default-profiles.json, format
 * documented there): per recipient type, which sensitivity classes go into a
 * packet and how people and places are shown.
 */
export const PROFILES_SOURCE = 'resources/profiles/default-profiles.json';

const mediaTypePattern = z
  .string()
  .regex(/^[a-z0-9][a-z0-9!#$&^_.+-]*\/(\*|[a-z0-9][a-z0-9!#$&^_.+-]*)$/, 'use a media type like "application/pdf" or a family like "image/*"');

export const disclosureProfile = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9_.]+$/, 'use lower case letters, digits, dots and underscores').max(100),
    label: z.string().trim().min(1).max(200),
    recipientTypes: z.array(z.enum(RECIPIENT_TYPES)),
    classes: z.array(z.enum(SENSITIVITY_CLASSES)),
    clientIdentity: z.enum(['named', 'pseudonymised']),
    relatives: z.enum(['role_labels', 'named']),
    places: z.enum(['city', 'country']),
    evidence: z.array(mediaTypePattern),
  })
  .superRefine((profile, ctx) => {
    if (profile.classes.includes(NEVER_DISCLOSED_CLASS)) {
      ctx.addIssue({ code: 'custom', path: ['classes'], message: `"${NEVER_DISCLOSED_CLASS}" can never be disclosed` });
    }
    const needs = (flag: string, value: string, cls: SensitivityClass) => {
      if (!profile.classes.includes(cls)) ctx.addIssue({ code: 'custom', path: [flag], message: `"${value}" needs the class "${cls}" in classes` });
    };
    if (profile.clientIdentity === 'named') needs('clientIdentity', 'named', 'identity');
    if (profile.relatives === 'named') needs('relatives', 'named', 'third_party');
    if (profile.places === 'city') needs('places', 'city', 'precise_location');
  });
export type DisclosureProfile = z.infer<typeof disclosureProfile>;

const profilesFile = z
  .object({ version: z.literal(1), profiles: z.array(disclosureProfile).min(1) })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const defaults = new Map<RecipientType, string>();
    file.profiles.forEach((profile, index) => {
      if (ids.has(profile.id)) ctx.addIssue({ code: 'custom', path: ['profiles', index, 'id'], message: `the id "${profile.id}" is used twice` });
      ids.add(profile.id);
      for (const type of profile.recipientTypes) {
        const other = defaults.get(type);
        if (other !== undefined) ctx.addIssue({ code: 'custom', path: ['profiles', index, 'recipientTypes'], message: `"${type}" already has the profile "${other}"` });
        defaults.set(type, profile.id);
      }
    });
  });

/** Validates a profiles file; a broken one is refused with every problem named. */
export function parseProfiles(data: unknown, source = PROFILES_SOURCE): readonly DisclosureProfile[] {
  const parsed = profilesFile.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    throw new AppError('INTERNAL', `The disclosure profiles in ${source} are not valid, so no packet can be exported (${problems}). Fix the file or restore the one shipped with Casekeeper.`);
  }
  return Object.freeze(parsed.data.profiles.map((profile) => Object.freeze(profile)));
}

let shipped: readonly DisclosureProfile[] | undefined;

/** The shipped default profiles, validated on first use. */
export function loadDefaultProfiles(): readonly DisclosureProfile[] {
  shipped ??= parseProfiles(profilesData);
  return shipped;
}

/** The profile a recipient type uses when the caseworker picks none. */
export function defaultProfileFor(recipientType: RecipientType, profiles: readonly DisclosureProfile[] = loadDefaultProfiles()): DisclosureProfile {
  const profile = profiles.find((p) => p.recipientTypes.includes(recipientType));
  if (!profile) throw new AppError('NOT_FOUND', `No disclosure profile is set up for the recipient type "${recipientType}". Choose a profile for this packet.`);
  return profile;
}

/** Whether a class may go in under this profile. 'internal' never may, whatever the profile says. */
export function isClassDisclosed(profile: DisclosureProfile, cls: SensitivityClass | undefined): boolean {
  if (cls === undefined || cls === NEVER_DISCLOSED_CLASS) return false;
  return profile.classes.includes(cls);
}

/** Whether `entity.field` goes in. A field with no class is withheld. */
export function isFieldDisclosed(profile: DisclosureProfile, entity: string, field: string): boolean {
  return isClassDisclosed(profile, classOf(entity, field));
}

/** Whether an evidence file of this media type may go in (parameters such as "; charset" are ignored). */
export function allowsEvidence(profile: DisclosureProfile, mediaType: string): boolean {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  const family = type.split('/')[0];
  return profile.evidence.some((pattern) => pattern === type || (pattern.endsWith('/*') && pattern.slice(0, -2) === family));
}
