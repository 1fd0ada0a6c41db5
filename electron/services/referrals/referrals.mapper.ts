import type { Updateable } from 'kysely';
import type { z } from 'zod';
import type { referralFields, ReferralDto } from '../../../shared/domain/records';
import type { Database } from '../../db/schema';
import type { ReferralWithCode } from './referrals.repository';

export type ReferralFields = z.infer<typeof referralFields>;

/** Same rule as the list order in the repository: a past follow-up day on a referral that is still open. */
export function isFollowUpOverdue(row: { follow_up_on: string | null; status: string }, today: string): boolean {
  return row.follow_up_on !== null && row.follow_up_on < today && row.status !== 'closed';
}

export function referralFieldsOf(row: ReferralWithCode, threatIds: readonly string[]): ReferralFields {
  return {
    recipientType: row.recipient_type as ReferralFields['recipientType'],
    recipientOrg: row.recipient_org,
    purposeId: row.purpose_id,
    purposeDetail: row.purpose,
    consentId: row.consent_id,
    status: row.status as ReferralFields['status'],
    outcome: row.outcome as ReferralFields['outcome'],
    referenceNumber: row.reference_number,
    sentOn: row.sent_on,
    followUpOn: row.follow_up_on,
    threatIds: [...threatIds],
  };
}

export function referralToDto(row: ReferralWithCode, threatIds: readonly string[], today: string): ReferralDto {
  return {
    ...referralFieldsOf(row, threatIds),
    id: row.id,
    caseId: row.case_id,
    caseCode: row.case_code,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    followUpOverdue: isFollowUpOverdue(row, today),
  };
}

/** Columns for the given fields; threat links live in referral_threat and are written separately. */
export function referralColumns(fields: Partial<ReferralFields>): Updateable<Database['referral']> {
  const set: Updateable<Database['referral']> = {};
  if (fields.recipientType !== undefined) set.recipient_type = fields.recipientType;
  if (fields.recipientOrg !== undefined) set.recipient_org = fields.recipientOrg;
  if (fields.purposeId !== undefined) set.purpose_id = fields.purposeId;
  if (fields.purposeDetail !== undefined) set.purpose = fields.purposeDetail;
  if (fields.consentId !== undefined) set.consent_id = fields.consentId;
  if (fields.status !== undefined) set.status = fields.status;
  if (fields.outcome !== undefined) set.outcome = fields.outcome;
  if (fields.referenceNumber !== undefined) set.reference_number = fields.referenceNumber;
  if (fields.sentOn !== undefined) set.sent_on = fields.sentOn;
  if (fields.followUpOn !== undefined) set.follow_up_on = fields.followUpOn;
  return set;
}
