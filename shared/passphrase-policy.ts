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
