import { randomBytes } from 'node:crypto';
import { AppError } from '../../../shared/errors';
import type { SaveFilePurpose } from './handlers';

/**
 * Where a report or a packet may be written (issue 14.15). The renderer never
 * sends a path: it sends a one-time token that the main process issued when
 * the caseworker picked the file in a save dialog. So a compromised renderer
 * cannot write case data anywhere it likes; at most where the caseworker just
 * said, once, and only the kind of file the dialog was for.
 *
 * Tokens are random, bound to one purpose, used up by the first attempt
 * (success or not), forgotten when the vault locks, and expire after
 * `TOKEN_LIFETIME_MS`. The command-line tool does not use IPC and takes paths
 * directly.
 */

const TOKEN_LIFETIME_MS = 60 * 60_000;

interface Grant {
  path: string;
  purpose: SaveFilePurpose;
  expiresAt: number;
}

export class SaveGrants {
  private readonly grants = new Map<string, Grant>();

  constructor(private readonly now: () => number = Date.now) {}

  /** Called with the path a save dialog returned; the token goes to the renderer. */
  issue(path: string, purpose: SaveFilePurpose): string {
    const token = randomBytes(24).toString('base64url');
    this.grants.set(token, { path, purpose, expiresAt: this.now() + TOKEN_LIFETIME_MS });
    return token;
  }

  /** The path the token stands for. Throws VALIDATION for an unknown, used, expired or other-purpose token. */
  redeem(token: string, purpose: SaveFilePurpose): string {
    const grant = this.grants.get(token);
    this.grants.delete(token);
    if (!grant || grant.purpose !== purpose || grant.expiresAt < this.now()) {
      throw new AppError('VALIDATION', 'Casekeeper saves only to a place you chose in its save dialog just before. Choose where to save the file again.');
    }
    return grant.path;
  }

  /** On lock: nothing chosen before may be written after. */
  clear(): void {
    this.grants.clear();
  }
}
