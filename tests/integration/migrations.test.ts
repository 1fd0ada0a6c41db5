import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKysely, openRawDatabase, type RawDatabase } from '../../electron/db/connection';
import { migrateToLatest, readSchemaVersion } from '../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type SchemaMigration } from '../../electron/db/migrations/index';
import { makeTempDir } from '../support/temp';

let temp: ReturnType<typeof makeTempDir>;
let raw: RawDatabase;
beforeEach(() => {
  temp = makeTempDir();
  raw = openRawDatabase(join(temp.path, 'vault.db'), randomBytes(32), { create: true });
});
afterEach(() => {
  raw.close();
  temp.remove();
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any
async function tables(db: Kysely<any>): Promise<string[]> {
  const rows = await sql<{ name: string }>`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`.execute(db);
  return rows.rows.map((r) => r.name);
}

describe('schema migrations', () => {
  it('an empty encrypted database migrates to the latest schema, and migrating again changes nothing', async () => {
    const db = createKysely(raw);
    expect(await migrateToLatest(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await tables(db)).toEqual(expect.arrayContaining(['settings', 'vault_meta']));
    expect(await migrateToLatest(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('a schema newer than this version knows is refused before anything is written', async () => {
    const db = createKysely(raw);
    raw.pragma('user_version = 42');
    await expect(migrateToLatest(db)).rejects.toMatchObject({ code: 'NEWER_VERSION' });
    expect(await tables(db)).toEqual([]);
  });

  it('a step that fails halfway leaves the vault exactly at the previous version', async () => {
    const db = createKysely(raw);
    const failing: SchemaMigration = {
      name: '9999_broken',
      up: async (trx) => {
        await trx.schema.createTable('half_done').addColumn('id', 'integer').execute();
        throw new Error('boom');
      },
    };
    await expect(migrateToLatest(db, [...MIGRATIONS, failing])).rejects.toMatchObject({ code: 'INTERNAL' });
    expect(await readSchemaVersion(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(await tables(db)).not.toContain('half_done');
  });
});
