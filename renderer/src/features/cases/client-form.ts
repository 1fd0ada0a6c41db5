import type { TFunction } from 'i18next';
import { z } from 'zod';
import { IMMIGRATION_STATUSES } from '../../../../shared/domain/enums';
import type { ClientDto, ClientFields } from '../../../../shared/domain/records';
import type { ConflictField } from '../../components/ConflictNotice';
import { cleanList, isRealDay } from './labels';

const text = (max: number) => z.string().trim().max(max, 'recordForms.tooLong');

/** The client's details as typed in a form (lists as arrays of inputs, dates as strings). */
export const clientFormSchema = z.object({
  legalName: z.string().trim().min(1, 'cases.validation.legalNameRequired').max(200, 'recordForms.tooLong'),
  originalNames: z.array(z.string()),
  aliases: z.array(z.string()),
  identityDocuments: z.array(z.string()),
  dateOfBirth: z.string().refine((v) => v === '' || isRealDay(v), 'recordForms.invalidDate'),
  nationality: text(80),
  residenceCountry: text(80),
  immigrationStatus: z.enum(IMMIGRATION_STATUSES),
  languages: z.array(z.string()),
  safeContactMethods: text(1000),
  safeContactTimes: text(500),
  ethnicity: text(200),
  religion: text(200),
  politicalActivity: text(2000),
});
export type ClientFormValues = z.infer<typeof clientFormSchema>;

export function clientFormValues(client: ClientDto | null): ClientFormValues {
  return {
    legalName: client?.legalName ?? '',
    originalNames: client?.originalNames ?? [],
    aliases: client?.aliases ?? [],
    identityDocuments: client?.identityDocuments ?? [],
    dateOfBirth: client?.dateOfBirth ?? '',
    nationality: client?.nationality ?? '',
    residenceCountry: client?.residenceCountry ?? '',
    immigrationStatus: client?.immigrationStatus ?? 'unknown',
    languages: client?.languages ?? [],
    safeContactMethods: client?.safeContactMethods ?? '',
    safeContactTimes: client?.safeContactTimes ?? '',
    ethnicity: client?.ethnicity ?? '',
    religion: client?.religion ?? '',
    politicalActivity: client?.politicalActivity ?? '',
  };
}

export function toClientFields(values: ClientFormValues): ClientFields {
  return {
    ...values,
    legalName: values.legalName.trim(),
    originalNames: cleanList(values.originalNames),
    aliases: cleanList(values.aliases),
    identityDocuments: cleanList(values.identityDocuments),
    languages: cleanList(values.languages),
    dateOfBirth: values.dateOfBirth === '' ? null : values.dateOfBirth,
  };
}

/** Typed values next to the saved client, one row per field, for the conflict notice. */
export function clientConflictRows(t: TFunction, mine: ClientFields, theirs: ClientDto): ConflictField[] {
  const show = (value: unknown) => (Array.isArray(value) ? value.join(', ') : value === null ? '' : String(value));
  const keys = Object.keys(mine) as (keyof ClientFields)[];
  return keys.map((key) => ({
    label: t(`caseClient.fields.${key}`),
    mine: key === 'immigrationStatus' ? t(`enums.immigration.${mine[key]}`) : show(mine[key]),
    theirs: key === 'immigrationStatus' ? t(`enums.immigration.${theirs[key]}`) : show(theirs[key]),
  }));
}
