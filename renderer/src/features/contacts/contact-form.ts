import type { TFunction } from 'i18next';
import { z } from 'zod';
import { CONTACT_KINDS, CONTACT_ROLES, SENSITIVITIES } from '../../../../shared/domain/enums';
import type { ContactDto, ContactFields } from '../../../../shared/domain/records';
import type { ConflictField } from '../../components/ConflictNotice';
import { cleanList } from '../cases/labels';

const text = (max: number) => z.string().trim().max(max, 'recordForms.tooLong');

export const contactFormSchema = z.object({
  role: z.enum(CONTACT_ROLES),
  relationship: text(100),
  kind: z.enum(CONTACT_KINDS),
  name: z.string().trim().min(1, 'contacts.validation.nameRequired').max(200, 'recordForms.tooLong'),
  originalNames: z.array(z.string()),
  aliases: z.array(z.string()),
  sensitivity: z.enum(SENSITIVITIES),
  country: text(80),
  city: text(120),
  phones: z.array(z.string()),
  emails: z.array(z.string()),
  handles: z.array(z.string()),
  address: text(1000),
  notes: z.string().max(20_000, 'recordForms.tooLong'),
  dateOfBirth: z.union([z.literal(''), z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'records.errors.day')]),
  identityDocuments: z.array(z.string()),
});
export type ContactFormValues = z.infer<typeof contactFormSchema>;

export function contactFormValues(contact: ContactDto | null, caseId: string): ContactFormValues {
  const link = contact?.links.find((l) => l.caseId === caseId);
  return {
    role: link?.role ?? 'family_home',
    relationship: link?.relationship ?? '',
    kind: contact?.kind ?? 'person',
    name: contact?.name ?? '',
    originalNames: contact?.originalNames ?? [],
    aliases: contact?.aliases ?? [],
    sensitivity: contact?.sensitivity ?? 'never_disclose',
    country: contact?.country ?? '',
    city: contact?.city ?? '',
    phones: contact?.phones ?? [],
    emails: contact?.emails ?? [],
    handles: contact?.handles ?? [],
    address: contact?.address ?? '',
    notes: contact?.notes ?? '',
    dateOfBirth: contact?.dateOfBirth ?? '',
    identityDocuments: contact?.identityDocuments ?? [],
  };
}

export function toContactFields(v: ContactFormValues): ContactFields {
  const { role: _role, relationship: _relationship, ...fields } = v;
  void _role;
  void _relationship;
  return {
    ...fields,
    originalNames: cleanList(v.originalNames),
    aliases: cleanList(v.aliases),
    phones: cleanList(v.phones),
    emails: cleanList(v.emails),
    handles: cleanList(v.handles),
    dateOfBirth: v.dateOfBirth === '' ? null : v.dateOfBirth,
    identityDocuments: cleanList(v.identityDocuments),
  };
}

export function contactConflictRows(t: TFunction, mine: ContactFields, theirs: ContactDto): ConflictField[] {
  const show = (value: unknown) => (Array.isArray(value) ? value.join(', ') : String(value ?? ''));
  return (Object.keys(mine) as (keyof ContactFields)[]).map((key) => ({
    label: t(`contacts.fields.${key}`),
    mine: key === 'sensitivity' ? t(`enums.sensitivity.${mine[key]}`) : key === 'kind' ? t(`enums.kind.${mine[key]}`) : show(mine[key]),
    theirs: key === 'sensitivity' ? t(`enums.sensitivity.${theirs[key]}`) : key === 'kind' ? t(`enums.kind.${theirs[key]}`) : show(theirs[key]),
  }));
}
