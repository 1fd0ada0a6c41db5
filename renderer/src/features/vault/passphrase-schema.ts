import { z } from 'zod';
import { PASSPHRASE_MAX_LENGTH, passphraseLength, PASSPHRASE_MIN_LENGTH } from '../../../../shared/passphrase-policy';
import { isWeak } from './strength';

/**
 * Messages are i18n keys; fields render them through t() with
 * { min: PASSPHRASE_MIN_LENGTH } so keys can interpolate the policy.
 */
export const newPassphraseFields = {
  newPassphrase: z
    .string()
    .refine((value) => passphraseLength(value) >= PASSPHRASE_MIN_LENGTH, 'passphrase.errors.tooShort')
    .refine((value) => value.length <= PASSPHRASE_MAX_LENGTH, 'passphrase.errors.tooLong'),
  confirmPassphrase: z.string(),
  acceptWeak: z.boolean(),
};

export interface NewPassphraseValues {
  newPassphrase: string;
  confirmPassphrase: string;
  acceptWeak: boolean;
}

/** Adds the cross-field rules: the confirmation matches, and a weak passphrase is explicitly accepted. */
export function checkNewPassphrase(values: NewPassphraseValues, ctx: z.RefinementCtx): void {
  if (values.confirmPassphrase !== values.newPassphrase) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassphrase'], message: 'passphrase.errors.mismatch' });
  }
  if (isWeak(values.newPassphrase) && !values.acceptWeak) {
    ctx.addIssue({ code: 'custom', path: ['acceptWeak'], message: 'passphrase.errors.acceptWeak' });
  }
}

export const PASSPHRASE_MESSAGE_PARAMS = { min: PASSPHRASE_MIN_LENGTH, max: PASSPHRASE_MAX_LENGTH };
