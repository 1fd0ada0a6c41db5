import { sql, type Kysely } from 'kysely';
import { AppError } from '../../shared/errors';
import { toAppError } from '../services/errors/to-app-error';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type SchemaMigration } from './migrations/index';

// Migrations run against whatever the schema was; they do not see the app's types.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>;

/** The schema version is the number of applied migrations, kept in PRAGMA user_version. */
export async function readSchemaVersion(db: AnyDb): Promise<number> {
  const result = await sql<{ user_version: number }>`PRAGMA user_version`.execute(db);
  return result.rows[0]?.user_version ?? 0;
}

export function newerVersionError(found: number, known: number = LATEST_SCHEMA_VERSION): AppError {
  return new AppError(
    'NEWER_VERSION',
    `This vault was written by a newer version of Casekeeper (schema ${found}; this version knows up to ${known}). Update Casekeeper to open it; this version leaves it untouched.`,
  );
}

/**
 * Refuses a vault from a newer Casekeeper before writing anything, then
 * applies each missing migration in its own transaction together with the
 * user_version bump, so an interrupted upgrade leaves a consistent vault.
 */
export async function migrateToLatest(db: AnyDb, migrations: readonly SchemaMigration[] = MIGRATIONS): Promise<number> {
  const current = await readSchemaVersion(db);
  if (current > migrations.length) throw newerVersionError(current, migrations.length);
  for (let version = current + 1; version <= migrations.length; version += 1) {
    const migration = migrations[version - 1];
    if (!migration) throw new AppError('INTERNAL', `Casekeeper has no schema step ${version}.`);
    try {
      await db.transaction().execute(async (trx) => {
        await migration.up(trx);
        await sql.raw(`PRAGMA user_version = ${version}`).execute(trx);
      });
    } catch (error) {
      const appError = toAppError(error);
      if (appError.code !== 'INTERNAL') throw appError;
      throw new AppError('INTERNAL', `Casekeeper could not upgrade this vault (step ${migration.name}). The vault was left as it was; please report this.`, { cause: error });
    }
  }
  return Math.max(current, migrations.length);
}
