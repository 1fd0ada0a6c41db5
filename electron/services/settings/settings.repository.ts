import type { VaultDb } from '../../db/connection';

async function all(db: VaultDb): Promise<Map<string, string>> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  return new Map(rows.map((r) => [r.key, r.value]));
}

async function put(db: VaultDb, entries: ReadonlyArray<readonly [string, string]>): Promise<void> {
  if (entries.length === 0) return;
  const now = new Date().toISOString();
  await db.transaction().execute(async (trx) => {
    for (const [key, value] of entries) {
      await trx
        .insertInto('settings')
        .values({ key, value, updated_at: now })
        .onConflict((oc) => oc.column('key').doUpdateSet({ value, updated_at: now }))
        .execute();
    }
  });
}

export const settingsRepository = Object.freeze({ all, put });
