import { randomBytes } from 'node:crypto';
import { link, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../../shared/errors';

/**
 * Writing a file the caseworker asked for (a report, a referral packet) to a
 * place they chose. `noun` names it in messages: "the report", "the packet".
 */

export function exportWriteError(error: unknown, noun: string): AppError {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new AppError('VALIDATION', `The folder for ${noun} no longer exists. Choose another place to save it.`, { cause: error });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new AppError('READ_ONLY', `Casekeeper is not allowed to save in that folder. Choose another place to save ${noun}.`, { cause: error });
    case 'ENOSPC':
      return new AppError('DISK_FULL', `The disk is full, so ${noun} was not saved. Free some space or choose another drive.`, { cause: error });
    default:
      return error instanceof AppError ? error : new AppError('INTERNAL', `${noun[0]!.toUpperCase()}${noun.slice(1)} could not be saved. Try again or choose another place.`, { cause: error });
  }
}

/**
 * Temp file in the same folder, flushed, then renamed over the target: the
 * file is either the old one or the whole new one, never half of it. With
 * `exclusive`, an existing file is never replaced (the rename is skipped and
 * ALREADY_EXISTS raised), for callers that must not overwrite.
 */
export async function writeExportAtomically(path: string, data: Uint8Array, noun: string, options: { exclusive?: boolean } = {}): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'wx', 0o600);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.exclusive) {
      // A hard link fails if the target exists, so an existing file is never replaced.
      try {
        await link(temp, path);
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'EEXIST') throw new AppError('ALREADY_EXISTS', `A file named “${basename(path)}” is already there. Choose another name or folder; Casekeeper never replaces an existing packet.`);
        throw error;
      }
      await rm(temp, { force: true });
    } else {
      await rename(temp, path);
    }
  } catch (error) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw exportWriteError(error, noun);
  }
}
