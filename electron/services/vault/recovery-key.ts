import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';

/**
 * A recovery key is 200 random bits written in Crockford base32 (no I, L, O, U),
 * in eight groups of five so it can be read aloud, printed and typed back.
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
export const RECOVERY_KEY_BYTES = 25;
const GROUP = 5;

export function generateRecoveryKey(): { display: string; bytes: Buffer } {
  const bytes = randomBytes(RECOVERY_KEY_BYTES);
  return { display: formatRecoveryKey(bytes), bytes };
}

export function formatRecoveryKey(bytes: Buffer): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out.match(new RegExp(`.{1,${GROUP}}`, 'g'))!.join('-');
}

/** Accepts what a person would type: any case, spaces or dashes, and the look-alikes O→0, I/L→1. */
export function parseRecoveryKey(text: string): Buffer {
  const cleaned = text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-_.]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  const expectedChars = Math.ceil((RECOVERY_KEY_BYTES * 8) / 5);
  if (cleaned.length !== expectedChars || [...cleaned].some((c) => !ALPHABET.includes(c))) {
    throw new AppError('VALIDATION', `A recovery key has ${expectedChars} letters and digits in groups of five. Check it against the printed copy.`);
  }
  let bits = 0;
  let value = 0;
  const out: number[] = [];
  for (const char of cleaned) {
    value = (value << 5) | ALPHABET.indexOf(char);
    bits += 5;
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 0xff);
      bits -= 8;
      value &= (1 << bits) - 1;
    }
  }
  return Buffer.from(out.slice(0, RECOVERY_KEY_BYTES));
}
