import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { AppError } from '../../shared/errors';
import { canPrompt, promptHidden } from './tty-prompt';

export const PASSPHRASE_ENV = 'CASEKEEPER_PASSPHRASE';
export const NEW_PASSPHRASE_ENV = 'CASEKEEPER_NEW_PASSPHRASE';

/** A passphrase file holds one line; anything this big is the wrong file. */
const MAX_SECRET_FILE_BYTES = 64 * 1024;

interface SecretSource {
  /** How the secret is named in messages: "passphrase", "new passphrase", "recovery key". */
  what: string;
  file: string | undefined;
  fileOption: string;
  envVar?: string;
  prompt: string;
  /** Ask twice at the terminal, so a typo cannot lock the user out. */
  confirm?: boolean;
  /** Rules a new passphrase must meet, checked before it is asked for the second time. */
  validate?: (secret: string) => void;
}

type Env = Record<string, string | undefined>;

/** The passphrase that opens a vault: --passphrase-file, then CASEKEEPER_PASSPHRASE, then the terminal. */
export function readPassphrase(file: string | undefined, env: Env = process.env): Promise<string> {
  return readSecret({ what: 'passphrase', file, fileOption: '--passphrase-file', envVar: PASSPHRASE_ENV, prompt: 'Passphrase: ' }, env);
}

/** The passphrase for a vault being created: the same sources, but asked twice at the terminal. */
export function readChosenPassphrase(file: string | undefined, validate: (secret: string) => void, env: Env = process.env): Promise<string> {
  return readSecret(
    { what: 'passphrase', file, fileOption: '--passphrase-file', envVar: PASSPHRASE_ENV, prompt: 'Choose a passphrase: ', confirm: true, validate },
    env,
  );
}

/** A replacement passphrase: --new-passphrase-file, then CASEKEEPER_NEW_PASSPHRASE, then the terminal (twice). */
export function readNewPassphrase(file: string | undefined, validate: (secret: string) => void, env: Env = process.env): Promise<string> {
  return readSecret(
    { what: 'new passphrase', file, fileOption: '--new-passphrase-file', envVar: NEW_PASSPHRASE_ENV, prompt: 'New passphrase: ', confirm: true, validate },
    env,
  );
}

/** The recovery key: --recovery-key-file, then the terminal. No environment variable: it is worth more than a passphrase. */
export function readRecoveryKey(file: string | undefined): Promise<string> {
  return readSecret({ what: 'recovery key', file, fileOption: '--recovery-key-file', prompt: 'Recovery key: ' }, {});
}

async function readSecret(source: SecretSource, env: Env): Promise<string> {
  const secret = await readFromFirstSource(source, env);
  source.validate?.(secret);
  return secret;
}

async function readFromFirstSource(source: SecretSource, env: Env): Promise<string> {
  if (source.file !== undefined) return readSecretFile(source.file, source.what);
  const fromEnv = source.envVar ? env[source.envVar] : undefined;
  if (fromEnv) return fromEnv;
  if (!canPrompt()) {
    const envHint = source.envVar ? ` or set ${source.envVar} (less safe: other programs running as you can read it)` : '';
    throw new AppError(
      'VALIDATION',
      `No ${source.what} given, and there is no terminal to ask for it. Use ${source.fileOption} FILE (the first line of the file is used)${envHint}.`,
    );
  }
  const first = await promptHidden(source.prompt);
  if (!first) throw new AppError('VALIDATION', `No ${source.what} was typed. Nothing was changed.`);
  source.validate?.(first);
  if (source.confirm) {
    const again = await promptHidden(`Type the ${source.what} again: `);
    if (again !== first) throw new AppError('VALIDATION', `The two entries of the ${source.what} did not match. Nothing was changed.`);
  }
  return first;
}

/** First line of the file, without its line ending (and without a byte-order mark an editor may add). */
function readSecretFile(path: string, what: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch {
    throw new AppError('VALIDATION', `Cannot read the ${what} file ${path}. Check the path and that you may read it.`);
  }
  try {
    const stat = fstatSync(fd);
    if (!stat.isFile() || stat.size > MAX_SECRET_FILE_BYTES) {
      throw new AppError('VALIDATION', `The ${what} file ${path} is not a small text file. Put the ${what} alone on its first line.`);
    }
    if (process.platform !== 'win32' && (stat.mode & 0o077) !== 0) {
      process.stderr.write(`casekeeper: warning: other users can read ${path}. Restrict it with: chmod 600 ${path}\n`);
    }
    const buffer = Buffer.alloc(stat.size);
    let length = 0;
    while (length < buffer.length) {
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    const text = buffer.subarray(0, length).toString('utf8');
    buffer.fill(0);
    const firstLine = text.replace(/^\uFEFF/, '').split('\n', 1)[0]!.replace(/\r$/, '');
    if (!firstLine) throw new AppError('VALIDATION', `The first line of the ${what} file ${path} is empty. Put the ${what} on its first line.`);
    return firstLine;
  } finally {
    closeSync(fd);
  }
}
