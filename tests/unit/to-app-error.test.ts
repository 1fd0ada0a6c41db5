import { describe, expect, it } from 'vitest';
import { exitCodeFor } from '../../electron/cli/exit-codes';
import { toAppError } from '../../electron/services/errors/to-app-error';
import { AppError } from '../../shared/errors';

/** A failure as SQLite (better-sqlite3) or Node's fs reports it: only the code is reliable. */
function failure(code: string): Error {
  return Object.assign(new Error(`raw text with /secret/path/and SQL for ${code}`), { code });
}

describe('one mapping of low-level failures for the app and the command line', () => {
  const cases: Array<[string, string, number]> = [
    ['SQLITE_BUSY', 'BUSY', 6],
    ['SQLITE_BUSY_SNAPSHOT', 'BUSY', 6],
    ['SQLITE_BUSY_TIMEOUT', 'BUSY', 6],
    ['SQLITE_LOCKED', 'BUSY', 6],
    ['EBUSY', 'BUSY', 6],
    ['SQLITE_FULL', 'DISK_FULL', 1],
    ['SQLITE_IOERR_SHMSIZE', 'DISK_FULL', 1],
    ['ENOSPC', 'DISK_FULL', 1],
    ['EDQUOT', 'DISK_FULL', 1],
    ['SQLITE_READONLY', 'READ_ONLY', 1],
    ['SQLITE_READONLY_DBMOVED', 'READ_ONLY', 1],
    ['SQLITE_READONLY_DIRECTORY', 'READ_ONLY', 1],
    ['EROFS', 'READ_ONLY', 1],
    ['EACCES', 'READ_ONLY', 1],
    ['SQLITE_CANTOPEN', 'READ_ONLY', 1],
    ['SQLITE_IOERR_WRITE', 'IO_ERROR', 1],
    ['SQLITE_IOERR_FSYNC', 'IO_ERROR', 1],
    ['EIO', 'IO_ERROR', 1],
    ['SQLITE_CORRUPT', 'CORRUPT', 4],
    ['SQLITE_CORRUPT_INDEX', 'CORRUPT', 4],
    ['SQLITE_NOTADB', 'CORRUPT', 4],
    ['SQLITE_MISUSE', 'INTERNAL', 1],
  ];
  it.each(cases)('%s reaches the caseworker as %s (CLI exit %i), in words and without the raw text', (raw, code, exit) => {
    const error = toAppError(failure(raw));
    expect(error.code).toBe(code);
    expect(exitCodeFor(error.code)).toBe(exit);
    expect(error.message).not.toMatch(/secret|SQL|SQLITE/);
    expect(error.message).toMatch(/\.$/);
  });

  it('an AppError from another copy of the errors module keeps its code and message', () => {
    const foreign = Object.assign(new Error('The vault is locked. Unlock it to continue.'), { name: 'AppError', code: 'LOCKED' });
    const error = toAppError(foreign);
    expect(error).toBeInstanceOf(AppError);
    expect(error).toMatchObject({ code: 'LOCKED', message: 'The vault is locked. Unlock it to continue.' });
  });
});
