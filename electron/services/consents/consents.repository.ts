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

/** A referral of any case, to link it to the consent recorded for it. */
async function findReferral(db: DbOrTrx, id: string): Promise<{ id: string; case_id: string; recipient_type: string; purpose_id: string; consent_id: string | null; version: number } | undefined> {
  return db.selectFrom('referral').select(['id', 'case_id', 'recipient_type', 'purpose_id', 'consent_id', 'version']).where('id', '=', id).executeTakeFirst();
}

async function linkReferral(db: DbOrTrx, referralId: string, version: number, consentId: string, at: string): Promise<void> {
  await db.updateTable('referral').set({ consent_id: consentId, version: version + 1, updated_at: at }).where('id', '=', referralId).where('version', '=', version).execute();
}

/**
 * Consents not withdrawn whose expiry day is in [from, until], soonest first,
 * with their case code. Archived cases are left out.
 */
async function expiringBetween(db: DbOrTrx, from: string, until: string) {
  return db
    .selectFrom('consent')
    .innerJoin('case_file', 'case_file.id', 'consent.case_id')
    .select([
      'consent.id',
      'consent.case_id',
      'consent.recipient_type',
      'consent.recipient_org',
      'consent.purpose_ids',
      'consent.expires_on',
      'case_file.code',
    ])
    .where('consent.withdrawn_on', 'is', null)
    .where('consent.given_on', '<=', from)
    .where('consent.expires_on', '>=', from)
    .where('consent.expires_on', '<=', until)
    .where('case_file.archived_at', 'is', null)
    .orderBy('consent.expires_on', 'asc')
    .orderBy('case_file.code', 'asc')
    .limit(200)
    .execute();
}

/** A child record changed: the case moves up in "recently updated" without a new case version. */

// No delete on purpose: consent records are history (who agreed to what, and
// when it was withdrawn) and are only removed when the whole case is erased.
export const consentsRepository = Object.freeze({ findCase, findConsent, listForCase, inForce, insertConsent, updateConsent, findReferral, linkReferral, expiringBetween });
