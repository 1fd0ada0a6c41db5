import { AppError, ERROR_CODES } from '../../../shared/errors';

/**
 * The one place where low-level failures become coded errors with messages a
 * caseworker can act on: SQLite result codes (extended ones included, e.g.
 * SQLITE_BUSY_SNAPSHOT, SQLITE_READONLY_DIRECTORY, SQLITE_IOERR_WRITE) and
 * Node's file-system errno codes. The app's dispatch and the CLI both use it,
 * so the same fault gets the same code, message and exit code everywhere.
 * Anything unrecognised becomes INTERNAL with a generic message: raw error
 * text may contain paths or SQL and never crosses to the renderer.
 */
export function toAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  // A second copy of shared/errors (another module loader) breaks instanceof: recognise it by shape.
  if (isAppErrorLike(error)) return new AppError(error.code, error.message, { cause: error });
  const fault = classify(errorCode(error));
  switch (fault) {
    case 'DISK_FULL':
      return diskFull(error);
    case 'READ_ONLY':
      return readOnly(error);
    case 'CANT_OPEN':
      return new AppError('READ_ONLY', 'The vault could not be opened for writing. Check that its folder still exists and that you can write to it.', { cause: error });
    case 'BUSY':
      return vaultBusy(error);
    case 'IO_ERROR':
      return new AppError(
        'IO_ERROR',
        'The disk reported an error while reading or writing the vault, so the change was not saved. Check that the drive is still connected and not full, then try again.',
        { cause: error },
      );
    case 'CORRUPT':
      return corruptVault(error);
    case 'OTHER':
      return new AppError('INTERNAL', 'Something went wrong inside Casekeeper. Nothing was changed. Try again, and if it keeps happening, restart the app.', { cause: error });
    default: {
      const unhandled: never = fault;
      return unhandled;
    }
  }
}

type FaultClass = 'DISK_FULL' | 'READ_ONLY' | 'CANT_OPEN' | 'BUSY' | 'IO_ERROR' | 'CORRUPT' | 'OTHER';

function classify(code: string | undefined): FaultClass {
  if (code === undefined) return 'OTHER';
  // SQLITE_IOERR_SHMSIZE: growing the WAL index (vault.db-shm) when a vault is opened on a full disk.
  switch (code) {
    case 'SQLITE_FULL':
    case 'SQLITE_IOERR_SHMSIZE':
    case 'ENOSPC':
    case 'EDQUOT':
    case 'EFBIG':
      return 'DISK_FULL';
    case 'EROFS':
    case 'EACCES':
    case 'EPERM':
    case 'SQLITE_AUTH':
    case 'SQLITE_PERM':
      return 'READ_ONLY';
    case 'EBUSY':
    case 'ETXTBSY':
      return 'BUSY';
    case 'EIO':
    case 'ENXIO':
    case 'ENODEV':
    case 'ESTALE':
      return 'IO_ERROR';
    case 'SQLITE_NOTADB':
      return 'CORRUPT';
    default:
      break;
  }
  // SQLite's extended codes keep their primary code as a prefix.
  if (code.startsWith('SQLITE_READONLY')) return 'READ_ONLY';
  if (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED')) return 'BUSY';
  if (code.startsWith('SQLITE_CORRUPT')) return 'CORRUPT';
  if (code.startsWith('SQLITE_CANTOPEN')) return 'CANT_OPEN';
  if (code.startsWith('SQLITE_IOERR')) return 'IO_ERROR';
  return 'OTHER';
}

export function diskFull(cause?: unknown): AppError {
  return new AppError('DISK_FULL', 'The disk is full, so the change was not saved. Free some space and try again; nothing in the vault was lost.', { cause });
}

export function readOnly(cause?: unknown): AppError {
  return new AppError(
    'READ_ONLY',
    'Casekeeper cannot write to the vault’s folder. Move the vault to a folder you can write to (not a locked USB stick or a read-only share) and open it again.',
    { cause },
  );
}

export function vaultBusy(cause?: unknown): AppError {
  return new AppError(
    'BUSY',
    'Another program is using the vault right now (another Casekeeper window, the command-line tool, or a backup in progress). Nothing was changed. Wait a moment or close the other program, then try again.',
    { cause },
  );
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

function isAppErrorLike(error: unknown): error is AppError {
  if (!(error instanceof Error) || error.name !== 'AppError') return false;
  const code = errorCode(error);
  return code !== undefined && ERROR_CODE_SET.has(code);
}

const ERROR_CODE_SET: ReadonlySet<string> = new Set(ERROR_CODES);
