import type { Kysely } from 'kysely';
import * as m0001 from './0001_initial';
import * as m0002 from './0002_case_records';
import * as m0003 from './0003_search_index';
import * as m0004 from './0004_risk_signals';
import * as m0005 from './0005_referral_packets';
import * as m0006 from './0006_structured_purposes';

export interface SchemaMigration {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  up(db: Kysely<any>): Promise<void>;
}

/**
 * Every migration, in order; schema version N means the first N have run.
 * A static list (not a folder scan) so bundlers keep them. Forward-only:
 * never edit or remove a shipped entry, append a new one.
 */
export const MIGRATIONS: readonly SchemaMigration[] = Object.freeze([
  { name: '0001_initial', up: m0001.up },
  { name: '0002_case_records', up: m0002.up },
  { name: '0003_search_index', up: m0003.up },
  { name: '0004_risk_signals', up: m0004.up },
  { name: '0005_referral_packets', up: m0005.up },
  { name: '0006_structured_purposes', up: m0006.up },
]);

export const LATEST_SCHEMA_VERSION = MIGRATIONS.length;
