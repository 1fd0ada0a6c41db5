import type { Insertable, Updateable } from 'kysely';
import type { ConsentRow, Database } from '../../db/schema';
import type { DbOrTrx } from '../records/context';

async function findCase(db: DbOrTrx, caseId: string): Promise<{ id: string } | undefined> {
  return db.selectFrom('case_file').select('id').where('id', '=', caseId).executeTakeFirst();
}

async function findConsent(db: DbOrTrx, id: string): Promise<ConsentRow | undefined> {
  return db.selectFrom('consent').selectAll().where('id', '=', id).executeTakeFirst();
}

/** Newest first: the consent given most recently, then the one recorded last. */
async function listForCase(db: DbOrTrx, caseId: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('consent')
    .selectAll()
    .where('case_id', '=', caseId)
    .orderBy('given_on', 'desc')
    .orderBy('created_at', 'desc')
    .orderBy('id', 'asc')
    .execute();
}

/**
 * Consents of a case for a recipient type that are in force on `today`: not
 * withdrawn, already given, and not past their expiry day. The organisation
 * and purpose are matched by the service, which normalises the text.
 */
async function inForce(db: DbOrTrx, caseId: string, recipientType: string, today: string): Promise<ConsentRow[]> {
  return db
    .selectFrom('consent')
    .selectAll()
    .where('case_id', '=', caseId)
    .where('recipient_type', '=', recipientType)
    .where('withdrawn_on', 'is', null)
    .where('given_on', '<=', today)
    .where((eb) => eb.or([eb('expires_on', 'is', null), eb('expires_on', '>=', today)]))
    .orderBy('given_on', 'desc')
    .orderBy('created_at', 'desc')
    .execute();
}

async function insertConsent(db: DbOrTrx, row: Insertable<Database['consent']>): Promise<void> {
  await db.insertInto('consent').values(row).execute();
}

async function updateConsent(db: DbOrTrx, id: string, version: number, set: Updateable<Database['consent']>): Promise<boolean> {
  const result = await db.updateTable('consent').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** A child record changed: the case moves up in "recently updated" without a new case version. */

// No delete on purpose: consent records are history (who agreed to what, and
// when it was withdrawn) and are only removed when the whole case is erased.
export const consentsRepository = Object.freeze({ findCase, findConsent, listForCase, inForce, insertConsent, updateConsent });
