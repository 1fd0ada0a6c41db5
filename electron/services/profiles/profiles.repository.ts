import type { DbOrTrx } from '../records/context';
import type { DisclosureProfileTable } from '../../db/schema';

async function all(db: DbOrTrx): Promise<DisclosureProfileTable[]> {
  return db.selectFrom('disclosure_profile').selectAll().orderBy('id').execute();
}

async function find(db: DbOrTrx, id: string): Promise<DisclosureProfileTable | undefined> {
  return db.selectFrom('disclosure_profile').selectAll().where('id', '=', id).executeTakeFirst();
}

async function upsert(db: DbOrTrx, row: DisclosureProfileTable): Promise<void> {
  await db
    .insertInto('disclosure_profile')
    .values(row)
    .onConflict((oc) => oc.column('id').doUpdateSet({ body: row.body, source: row.source, updated_at: row.updated_at, updated_by: row.updated_by }))
    .execute();
}

async function remove(db: DbOrTrx, id: string): Promise<boolean> {
  const result = await db.deleteFrom('disclosure_profile').where('id', '=', id).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export const profilesRepository = Object.freeze({ all, find, upsert, remove });
