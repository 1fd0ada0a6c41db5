import { AppError } from '../../../shared/errors';

/**
 * Maps the low-level failures a caseworker can actually meet (disk full,
 * read-only folder, damaged file) to coded errors with actionable messages.
 * Anything unrecognised becomes INTERNAL with a generic message: raw error
 * text may contain paths or SQL and never crosses to the renderer.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const code = errorCode(error);
  switch (code) {
    case 'SQLITE_FULL':
    case 'ENOSPC':
    case 'EDQUOT':
      return new AppError('DISK_FULL', 'The disk is full, so the change was not saved. Free some space and try again; nothing in the vault was lost.', { cause: error });
    case 'SQLITE_READONLY':
    case 'SQLITE_READONLY_DIRECTORY':
    case 'SQLITE_READONLY_DBMOVED':
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
      return new AppError('READ_ONLY', 'Casekeeper cannot write to the vault’s folder. Move the vault to a folder you can write to (not a locked USB stick or a read-only share) and open it again.', { cause: error });
    case 'SQLITE_CORRUPT':
    case 'SQLITE_NOTADB':
    case 'SQLITE_CORRUPT_VTAB':
    case 'SQLITE_CORRUPT_SEQUENCE':
      return corruptVault(error);
    case 'SQLITE_CANTOPEN':
      return new AppError('READ_ONLY', 'The vault could not be opened for writing. Check that its folder still exists and that you can write to it.', { cause: error });
    default:
      return new AppError('INTERNAL', 'Something went wrong inside Casekeeper. Nothing was changed. Try again, and if it keeps happening, restart the app.', { cause: error });
  }
}

export function corruptVault(cause?: unknown): AppError {
  return new AppError(
    'CORRUPT',
    'The vault file is damaged (it failed its integrity check). Do not write to it. Restore it from a backup, or keep the damaged copy for an expert to examine.',
    { cause },
  );
}

export function errorCode(error: unknown): string | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error) {
    const code = (error as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
