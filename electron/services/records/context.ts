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
