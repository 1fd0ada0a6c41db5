import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createKysely, openRawDatabase, type RawDatabase } from '../../electron/db/connection';
import { migrateToLatest, readSchemaVersion } from '../../electron/db/migrate';
import { LATEST_SCHEMA_VERSION, MIGRATIONS, type SchemaMigration } from '../../electron/db/migrations/index';
import { PURPOSES } from '../../shared/purposes';
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

  it('0006: free-text purposes become vocabulary ids where their words name one purpose, the general purpose otherwise, and the text is kept as the detail', async () => {
    const db = createKysely(raw);
    await migrateToLatest(db, MIGRATIONS.slice(0, 5));
    raw.exec(`INSERT INTO case_file (id, code, status, priority, risk_level, opened_on) VALUES ('c1', 'CK-1', 'active', 'normal', 'medium', '2026-01-01')`);
    const referral = raw.prepare(`INSERT INTO referral (id, case_id, recipient_type, recipient_org, purpose, status) VALUES (?, 'c1', ?, 'Org', ?, 'draft')`);
    referral.run('r-ccf', 'interpol_ccf', 'Request DELETION of the red notice');
    referral.run('r-police', 'police', 'Stalking complaint');
    referral.run('r-both', 'police', 'Complaint and protection for the family');
    referral.run('r-none', 'ngo', '');
    raw
      .prepare(`INSERT INTO consent (id, case_id, recipient_type, recipient_org, purpose, scope_identity, obtained_how, given_on) VALUES ('k1', 'c1', 'un_special_procedure', '', 'Urgent appeal to the rapporteur', 'named', 'written', '2026-01-02')`)
      .run();
    raw.exec(`INSERT INTO contact (id, kind, name, sensitivity) VALUES ('p1', 'person', 'Relative', 'never_disclose')`);

    expect(await migrateToLatest(db)).toBe(LATEST_SCHEMA_VERSION);
    const referrals = raw.prepare('SELECT id, purpose_id, purpose, consent_id FROM referral ORDER BY id').all();
    expect(referrals).toEqual([
      { id: 'r-both', purpose_id: 'police.general', purpose: 'Complaint and protection for the family', consent_id: null },
      { id: 'r-ccf', purpose_id: 'interpol_ccf.deletion', purpose: 'Request DELETION of the red notice', consent_id: null },
      { id: 'r-none', purpose_id: 'ngo.general', purpose: '', consent_id: null },
      { id: 'r-police', purpose_id: 'police.criminal_complaint', purpose: 'Stalking complaint', consent_id: null },
    ]);
    expect(raw.prepare('SELECT purpose_ids, purpose FROM consent').get()).toEqual({ purpose_ids: '["un_special_procedure.urgent_appeal"]', purpose: 'Urgent appeal to the rapporteur' });
    expect(raw.prepare('SELECT date_of_birth, identity_documents FROM contact').get()).toEqual({ date_of_birth: null, identity_documents: '[]' });
    // Every id the migration writes is in today's vocabulary for its recipient type.
    for (const row of referrals as Array<{ id: string; purpose_id: string }>) expect(PURPOSES.byId(row.purpose_id), row.id).toBeDefined();
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
