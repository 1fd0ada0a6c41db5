import { sql, type Insertable, type Updateable } from 'kysely';
import type { ReferralStatus } from '../../../shared/domain/enums';
import type { Database, ReferralRow } from '../../db/schema';
import type { DbOrTrx } from '../records/context';

export type ReferralWithCode = ReferralRow & { case_code: string };

export interface ReferralListFilter {
  statuses?: readonly ReferralStatus[];
  caseId?: string;
  offset: number;
  limit: number;
}

async function findCase(db: DbOrTrx, caseId: string): Promise<{ id: string; code: string } | undefined> {
  return db.selectFrom('case_file').select(['id', 'code']).where('id', '=', caseId).executeTakeFirst();
}

async function findReferral(db: DbOrTrx, id: string): Promise<ReferralWithCode | undefined> {
  return db
    .selectFrom('referral')
    .innerJoin('case_file', 'case_file.id', 'referral.case_id')
    .selectAll('referral')
    .select('case_file.code as case_code')
    .where('referral.id', '=', id)
    .executeTakeFirst();
}

/** Linked threat ids per referral, sorted so lists and audit diffs compare stably. */
async function threatIdsFor(db: DbOrTrx, referralIds: readonly string[]): Promise<Map<string, string[]>> {
  const out = new Map<string, string[]>(referralIds.map((id) => [id, []]));
  if (referralIds.length === 0) return out;
  const rows = await db
    .selectFrom('referral_threat')
    .select(['referral_id', 'threat_id'])
    .where('referral_id', 'in', [...referralIds])
    .orderBy('threat_id')
    .execute();
  for (const row of rows) out.get(row.referral_id)?.push(row.threat_id);
  return out;
}

/** Of the given threat ids, those that are threats of this case. */
async function threatsOfCase(db: DbOrTrx, caseId: string, threatIds: readonly string[]): Promise<string[]> {
  if (threatIds.length === 0) return [];
  const rows = await db.selectFrom('threat').select('id').where('case_id', '=', caseId).where('id', 'in', [...threatIds]).execute();
  return rows.map((r) => r.id);
}

/** A consent of this case, to check a referral's link to it. */
async function findConsentOfCase(db: DbOrTrx, caseId: string, consentId: string): Promise<{ id: string; recipient_type: string } | undefined> {
  return db.selectFrom('consent').select(['id', 'recipient_type']).where('case_id', '=', caseId).where('id', '=', consentId).executeTakeFirst();
}

async function insertReferral(db: DbOrTrx, row: Insertable<Database['referral']>): Promise<void> {
  await db.insertInto('referral').values(row).execute();
}

async function updateReferral(db: DbOrTrx, id: string, version: number, set: Updateable<Database['referral']>): Promise<boolean> {
  const result = await db.updateTable('referral').set(set).where('id', '=', id).where('version', '=', version).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function replaceThreats(db: DbOrTrx, referralId: string, threatIds: readonly string[]): Promise<void> {
  await db.deleteFrom('referral_threat').where('referral_id', '=', referralId).execute();
  if (threatIds.length === 0) return;
  await db
    .insertInto('referral_threat')
    .values(threatIds.map((threatId) => ({ referral_id: referralId, threat_id: threatId })))
    .execute();
}

/** A child record changed: the case moves up in "recently updated" without a new case version. */

/**
 * Overdue follow-ups first (a follow-up day before today on a referral that is
 * not closed), then by follow-up day (none last), then newest first.
 * ISO days compare correctly as text.
 */
async function list(db: DbOrTrx, filter: ReferralListFilter, today: string): Promise<{ rows: ReferralWithCode[]; total: number }> {
  let base = db.selectFrom('referral').innerJoin('case_file', 'case_file.id', 'referral.case_id');
  if (filter.caseId) base = base.where('referral.case_id', '=', filter.caseId);
  if (filter.statuses?.length) base = base.where('referral.status', 'in', [...filter.statuses]);
  const totalRow = await base.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const rows = await base
    .selectAll('referral')
    .select('case_file.code as case_code')
    .orderBy(
      sql`CASE WHEN referral.follow_up_on IS NOT NULL AND referral.follow_up_on < ${today} AND referral.status != 'closed' THEN 0 ELSE 1 END`,
    )
    .orderBy(sql`referral.follow_up_on IS NULL`)
    .orderBy('referral.follow_up_on', 'asc')
    .orderBy('referral.created_at', 'desc')
    .orderBy('referral.id', 'asc')
    .limit(filter.limit)
    .offset(filter.offset)
    .execute();
  return { rows, total: Number(totalRow?.n ?? 0) };
}

export const referralsRepository = Object.freeze({
  findConsentOfCase,
  findCase,
  findReferral,
  threatIdsFor,
  threatsOfCase,
  insertReferral,
  updateReferral,
  replaceThreats,
  list,
});
