/**
 * Error codes that cross the IPC boundary. Messages are written for a
 * caseworker: they say what happened and what to do, never how the code works.
 */
export const ERROR_CODES = [
  'VALIDATION',
  'NOT_FOUND',
  'CONFLICT',
  'LOCKED',
  'WRONG_PASSPHRASE',
  'NOT_A_VAULT',
  'CORRUPT',
  'NEWER_VERSION',
  'READ_ONLY',
  'DISK_FULL',
  'IO_ERROR',
  'BUSY',
  'TOO_MANY_ATTEMPTS',
  'INCOMPLETE_RESTORE',
  'ALREADY_EXISTS',
  'CONSENT_REQUIRED',
  'LEAK_DETECTED',
  'INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export interface AppErrorShape {
  code: ErrorCode;
  message: string;
}

export class AppError extends Error implements AppErrorShape {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }

  toJSON(): AppErrorShape {
    return { code: this.code, message: this.message };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
