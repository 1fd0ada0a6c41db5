import type { ErrorCode } from '../../shared/errors';

/** The CLI's exit codes: part of its public interface for scripts, so never renumber them. */
export const EXIT_CODES = Object.freeze({
  OK: 0,
  ERROR: 1,
  USAGE: 2,
  WRONG_PASSPHRASE: 3,
  NOT_A_VAULT: 4,
  /** A referral packet was not exported: no consent, or the leak scan found a withheld value. */
  BLOCKED: 5,
  /** Another process was using or changing the vault at the same time; nothing was changed. Try again. */
  BUSY: 6,
} as const);

export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

export function exitCodeFor(code: ErrorCode): ExitCode {
  switch (code) {
    case 'WRONG_PASSPHRASE':
    case 'TOO_MANY_ATTEMPTS':
      return EXIT_CODES.WRONG_PASSPHRASE;
    case 'NOT_A_VAULT':
    case 'CORRUPT':
    case 'NEWER_VERSION':
    case 'INCOMPLETE_RESTORE':
      return EXIT_CODES.NOT_A_VAULT;
    case 'VALIDATION':
      return EXIT_CODES.USAGE;
    case 'CONSENT_REQUIRED':
    case 'LEAK_DETECTED':
      return EXIT_CODES.BLOCKED;
    case 'BUSY':
    case 'CONFLICT':
      return EXIT_CODES.BUSY;
    case 'NOT_FOUND':
    case 'LOCKED':
    case 'READ_ONLY':
    case 'DISK_FULL':
    case 'IO_ERROR':
    case 'ALREADY_EXISTS':
    case 'INTERNAL':
      return EXIT_CODES.ERROR;
    default: {
      const unhandled: never = code;
      return unhandled;
    }
  }
}

/**
 * A command that ran correctly but has a negative answer for the caller
 * (an import file with problems, a broken audit chain): its message is
 * printed and the process exits with `exitCode`.
 */
export class CliExit extends Error {
  constructor(
    readonly exitCode: ExitCode,
    message: string,
  ) {
    super(message);
    this.name = 'CliExit';
  }
}
