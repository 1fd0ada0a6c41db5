/** Shared by the renderer (live feedback), the services (enforcement) and the CLI. */
export const PASSPHRASE_MIN_LENGTH = 12;
export const PASSPHRASE_MAX_LENGTH = 1024;

/** Length in user-perceived characters, so a passphrase in Chinese is not overcounted. */
export function passphraseLength(passphrase: string): number {
  return [...passphrase].length;
}

export function isPassphraseLongEnough(passphrase: string): boolean {
  return passphraseLength(passphrase) >= PASSPHRASE_MIN_LENGTH;
}

/** A message a caseworker can act on, or null when the passphrase is acceptable. */
export function passphraseProblem(passphrase: string): string | null {
  const length = passphraseLength(passphrase);
  if (length < PASSPHRASE_MIN_LENGTH) {
    return `Use a passphrase of at least ${PASSPHRASE_MIN_LENGTH} characters. Several unrelated words are easy to remember and hard to guess.`;
  }
  if (length > PASSPHRASE_MAX_LENGTH) return `Use a passphrase of at most ${PASSPHRASE_MAX_LENGTH} characters.`;
  return null;
}
