import type { Transaction } from 'kysely';
import type { VaultDb } from '../../db/connection';
import type { Database } from '../../db/schema';

/** What every record service needs: the open vault and who is acting. */
export interface RecordContext {
  db: VaultDb;
  /** The caseworker name from Settings; recorded in the audit log. */
  actor: string;
  now: () => Date;
}

export type Trx = Transaction<Database>;
export type DbOrTrx = VaultDb | Trx;

/** Shown in the history when no caseworker name is set in Settings. */
export const UNNAMED_CASEWORKER = 'Unnamed caseworker';

/** The actor as a default assignee: nobody, rather than the placeholder name. */
export function assigneeOf(ctx: RecordContext): string {
  return ctx.actor === UNNAMED_CASEWORKER ? '' : ctx.actor;
}
