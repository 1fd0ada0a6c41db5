import { AppError } from '../../../shared/errors';

/** Wrong passphrases or recovery keys allowed in a row before each further try has to wait. */
export const FREE_ATTEMPTS = 3;
const MAX_DELAY_S = 60;

/**
 * A growing wait after repeated wrong passphrases, kept in the session
 * service so the app and the browser test host share it: none for the first
 * three, then 2 s, 4 s, 8 s … up to a minute per try. It slows down someone
 * guessing at an unlocked screen; it cannot slow an attacker who copied the
 * vault (Argon2id does that), and it starts again when the app restarts.
 */
export class UnlockThrottle {
  private failures = 0;
  private retryAt = 0;

  constructor(private readonly now: () => number) {}

  /** Throws TOO_MANY_ATTEMPTS while the wait after the last wrong try is running. */
  assertMayTry(): void {
    const waitMs = this.retryAt - this.now();
    if (waitMs > 0) throw tooManyAttempts(Math.ceil(waitMs / 1000));
  }

  /** Records a wrong try; returns the seconds to wait before the next one (0: none). */
  failed(): number {
    this.failures += 1;
    const seconds = delaySeconds(this.failures);
    this.retryAt = this.now() + seconds * 1000;
    return seconds;
  }

  succeeded(): void {
    this.failures = 0;
    this.retryAt = 0;
  }
}

export function delaySeconds(failures: number): number {
  if (failures <= FREE_ATTEMPTS) return 0;
  return Math.min(MAX_DELAY_S, 2 ** (failures - FREE_ATTEMPTS));
}

export function tooManyAttempts(seconds: number): AppError {
  return new AppError('TOO_MANY_ATTEMPTS', `Too many wrong tries in a row. Wait ${seconds} s, then try again.`);
}
