import type { z } from 'zod';
import type { consentFields, ConsentDto } from '../../../shared/domain/records';
import type { ConsentRow } from '../../db/schema';
import { parseList } from '../records/json-columns';

export type ConsentFields = z.infer<typeof consentFields>;
export type ConsentState = ConsentDto['state'];

/** Withdrawal wins over expiry; the expiry day itself is still a valid day. */
export function consentState(row: Pick<ConsentRow, 'withdrawn_on' | 'expires_on'>, today: string): ConsentState {
  if (row.withdrawn_on !== null) return 'withdrawn';
  if (row.expires_on !== null && row.expires_on < today) return 'expired';
  return 'valid';
}

export function consentFieldsOf(row: ConsentRow): ConsentFields {
  return {
    recipientType: row.recipient_type as ConsentFields['recipientType'],
    recipientOrg: row.recipient_org,
    purposeIds: parseList(row.purpose_ids),
    purposeDetail: row.purpose,
    scopeIdentity: row.scope_identity as ConsentFields['scopeIdentity'],
    scopeEvidence: row.scope_evidence === 1,
    obtainedHow: row.obtained_how as ConsentFields['obtainedHow'],
    givenOn: row.given_on,
    expiresOn: row.expires_on,
  };
}

export function consentToDto(row: ConsentRow, today: string): ConsentDto {
  return {
    ...consentFieldsOf(row),
    id: row.id,
    caseId: row.case_id,
    recordedBy: row.recorded_by,
    withdrawnOn: row.withdrawn_on,
    withdrawalNote: row.withdrawal_note,
    state: consentState(row, today),
    version: row.version,
    createdAt: row.created_at,
  };
}
