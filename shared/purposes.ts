import { z } from 'zod';
import purposesData from '../resources/purposes/referral-purposes.json';
import { RECIPIENT_TYPES, type RecipientType } from './domain/enums';

/**
 * The purpose vocabulary (resources/purposes/referral-purposes.json): what a
 * referral is for and what a consent covers, per recipient type, by stable id.
 * Matching a consent to a referral compares these ids only; the free-text
 * detail beside a purpose never decides anything.
 */
export const PURPOSES_SOURCE = 'resources/purposes/referral-purposes.json';

export interface Purpose {
  id: string;
  label: string;
  recipientType: RecipientType;
}

const purposeId = z.string().regex(/^[a-z_]+\.[a-z0-9_]+$/, 'use "<recipient type>.<name>" in lower case letters, digits and underscores').max(100);

const vocabularySchema = z
  .object({
    version: z.literal(1),
    recipientTypes: z.array(
      z.strictObject({
        recipientType: z.enum(RECIPIENT_TYPES),
        generalPurposeId: purposeId,
        purposes: z.array(z.strictObject({ id: purposeId, label: z.string().trim().min(1).max(200) })).min(1),
      }),
    ),
  })
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const types = new Set<string>();
    file.recipientTypes.forEach((entry, index) => {
      if (types.has(entry.recipientType)) ctx.addIssue({ code: 'custom', path: ['recipientTypes', index, 'recipientType'], message: `"${entry.recipientType}" is listed twice` });
      types.add(entry.recipientType);
      entry.purposes.forEach((purpose, p) => {
        if (ids.has(purpose.id)) ctx.addIssue({ code: 'custom', path: ['recipientTypes', index, 'purposes', p, 'id'], message: `the id "${purpose.id}" is used twice` });
        ids.add(purpose.id);
        if (!purpose.id.startsWith(`${entry.recipientType}.`)) {
          ctx.addIssue({ code: 'custom', path: ['recipientTypes', index, 'purposes', p, 'id'], message: `"${purpose.id}" must start with "${entry.recipientType}."` });
        }
      });
      if (!entry.purposes.some((purpose) => purpose.id === entry.generalPurposeId)) {
        ctx.addIssue({ code: 'custom', path: ['recipientTypes', index, 'generalPurposeId'], message: `"${entry.generalPurposeId}" is not one of this recipient type's purposes` });
      }
    });
    for (const type of RECIPIENT_TYPES) {
      if (!types.has(type)) ctx.addIssue({ code: 'custom', path: ['recipientTypes'], message: `the recipient type "${type}" has no purposes` });
    }
  });

export interface PurposeVocabulary {
  /** Purposes of a recipient type, in the file's order (the order the forms show). */
  forType: (type: RecipientType) => readonly Purpose[];
  /** The purpose used when nothing more specific fits. */
  generalFor: (type: RecipientType) => Purpose;
  byId: (id: string) => Purpose | undefined;
}

/** Validates a vocabulary file; a broken one is refused with every problem named. */
export function parsePurposes(data: unknown, source = PURPOSES_SOURCE): PurposeVocabulary {
  const parsed = vocabularySchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(file)'}: ${issue.message}`).join('; ');
    throw new Error(`The referral purposes in ${source} are not valid (${problems}). Restore the file shipped with Casekeeper.`);
  }
  const byType = new Map<RecipientType, Purpose[]>();
  const general = new Map<RecipientType, Purpose>();
  const byId = new Map<string, Purpose>();
  for (const entry of parsed.data.recipientTypes) {
    const purposes = entry.purposes.map((p) => Object.freeze({ id: p.id, label: p.label, recipientType: entry.recipientType }));
    byType.set(entry.recipientType, purposes);
    for (const purpose of purposes) byId.set(purpose.id, purpose);
    general.set(entry.recipientType, byId.get(entry.generalPurposeId)!);
  }
  return Object.freeze({
    forType: (type: RecipientType) => byType.get(type) ?? [],
    generalFor: (type: RecipientType) => general.get(type)!,
    byId: (id: string) => byId.get(id),
  });
}

/** The shipped vocabulary, validated when first imported. */
export const PURPOSES: PurposeVocabulary = parsePurposes(purposesData);

export function isPurposeOf(type: RecipientType, id: string): boolean {
  return PURPOSES.byId(id)?.recipientType === type;
}

/** The English label of a purpose id; an unknown id is shown as itself rather than hidden. */
export function purposeLabel(id: string): string {
  return PURPOSES.byId(id)?.label ?? id;
}
