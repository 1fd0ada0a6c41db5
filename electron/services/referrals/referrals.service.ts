import { localDay } from '../records/dates';
import { touchCases } from '../records/case-touch';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import { RECIPIENT_PHRASES } from '../../../shared/domain/packet-labels';
import { isPurposeOf, PURPOSES } from '../../../shared/purposes';
import { REFERRAL_TRANSITIONS, type ReferralStatus } from '../../../shared/domain/enums';
import {
  referralListQuery,
  type ReferralDto,
  type referralCreateInput,
  type referralUpdateInput,
} from '../../../shared/domain/records';
import { appendAudit, diffFields } from '../audit/audit.service';
import type { DbOrTrx, RecordContext } from '../records/context';
import { assertCurrentVersion, notFound } from '../records/versioning';
import { referralsRepository as repo } from './referrals.repository';
import { referralColumns, referralFieldsOf, referralToDto, type ReferralFields } from './referrals.mapper';

export type ReferralCreateInput = z.infer<typeof referralCreateInput>;
export type ReferralUpdateInput = z.infer<typeof referralUpdateInput>;
export type ReferralListQuery = z.input<typeof referralListQuery>;
export type ReferralListPage = { items: ReferralDto[]; total: number };

const DEFAULT_REFERRAL: Omit<ReferralFields, 'recipientType' | 'recipientOrg' | 'purposeId'> = {
  purposeDetail: '',
  consentId: null,
  status: 'draft',
  outcome: null,
  referenceNumber: '',
  sentOn: null,
  followUpOn: null,
  threatIds: [],
};

const STATUS_LABELS: Record<ReferralStatus, string> = {
  draft: 'draft',
  ready: 'ready',
  sent: 'sent',
  acknowledged: 'acknowledged',
  in_progress: 'in progress',
  closed: 'closed',
};


function orList(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}

/** Drops keys whose value is undefined, so they neither override defaults nor show up in diffs. */
function defined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function uniqueSorted(ids: readonly string[]): string[] {
  return [...new Set(ids)].sort();
}

export async function getReferral(db: DbOrTrx, id: string, today: string): Promise<ReferralDto> {
  const row = await repo.findReferral(db, id);
  if (!row) throw notFound('referral');
  const threats = await repo.threatIdsFor(db, [row.id]);
  return referralToDto(row, threats.get(row.id) ?? [], today);
}

/** The Referrals section and a case's Referrals tab: overdue follow-ups first. */
export async function listReferrals(db: DbOrTrx, query: ReferralListQuery, today: string): Promise<ReferralListPage> {
  const parsed = referralListQuery.parse(query);
  const { rows, total } = await repo.list(db, parsed, today);
  const threats = await repo.threatIdsFor(db, rows.map((r) => r.id));
  return { items: rows.map((row) => referralToDto(row, threats.get(row.id) ?? [], today)), total };
}

export async function createReferral(ctx: RecordContext, input: ReferralCreateInput): Promise<ReferralDto> {
  const now = ctx.now();
  const at = now.toISOString();
  const today = localDay(now);
  const fields: ReferralFields = {
    ...DEFAULT_REFERRAL,
    purposeId: PURPOSES.generalFor(input.referral.recipientType).id,
    ...defined(input.referral),
  } as ReferralFields;
  fields.threatIds = uniqueSorted(fields.threatIds);
  // A referral recorded as already sent gets today's date unless the caseworker gave one.
  if (fields.status === 'sent' && fields.sentOn === null) fields.sentOn = today;
  assertConsistent(fields);
  return ctx.db.transaction().execute(async (trx) => {
    const caseRow = await repo.findCase(trx, input.caseId);
    if (!caseRow) throw notFound('case');
    await assertThreatsOfCase(trx, caseRow.id, fields.threatIds);
    await assertConsentOfCase(trx, caseRow.id, fields);
    const id = randomUUID();
    await repo.insertReferral(trx, {
      id,
      case_id: caseRow.id,
      recipient_type: fields.recipientType,
      recipient_org: fields.recipientOrg,
      purpose_id: fields.purposeId,
      purpose: fields.purposeDetail,
      consent_id: fields.consentId,
      status: fields.status,
      outcome: fields.outcome,
      reference_number: fields.referenceNumber,
      sent_on: fields.sentOn,
      follow_up_on: fields.followUpOn,
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await repo.replaceThreats(trx, id, fields.threatIds);
    await touchCases(trx, [caseRow.id], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'create', entity: 'referral', entityId: id, caseId: caseRow.id, changes: diffFields(null, { ...fields }) });
    return getReferral(trx, id, today);
  });
}

export async function updateReferral(ctx: RecordContext, input: ReferralUpdateInput): Promise<ReferralDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const at = now.toISOString();
    const today = localDay(now);
    const row = await repo.findReferral(trx, input.id);
    if (!row) throw notFound('referral');
    await assertCurrentVersion(trx, 'referral', 'referral', row.id, row.version, input.version);
    const before = referralFieldsOf(row, (await repo.threatIdsFor(trx, [row.id])).get(row.id) ?? []);
    const patch: Partial<ReferralFields> = defined(input.patch);
    if (patch.threatIds !== undefined) patch.threatIds = uniqueSorted(patch.threatIds);

    if (patch.status !== undefined && patch.status !== before.status) {
      const allowed = REFERRAL_TRANSITIONS[before.status];
      if (!allowed.includes(patch.status)) {
        throw new AppError(
          'VALIDATION',
          `A ${STATUS_LABELS[before.status]} referral can only move to ${orList(allowed.map((s) => STATUS_LABELS[s]))}, not straight to ${STATUS_LABELS[patch.status]}.`,
        );
      }
      const sentOn = patch.sentOn !== undefined ? patch.sentOn : before.sentOn;
      if (patch.status === 'sent' && sentOn === null) patch.sentOn = today;
      // Reopening: the old outcome no longer holds. The audit diff keeps what it was.
      if (before.status === 'closed' && patch.outcome === undefined) patch.outcome = null;
    }
    // A consent for one kind of recipient never covers another: a new recipient type drops the link.
    if (patch.recipientType !== undefined && patch.recipientType !== before.recipientType && patch.consentId === undefined) patch.consentId = null;
    assertConsistent({ ...before, ...patch });

    const changes = diffFields(before as unknown as Record<string, unknown>, patch);
    if (changes.length === 0) return getReferral(trx, row.id, today);
    const threatsChanged = changes.some((c) => c.field === 'threatIds');
    if (threatsChanged) await assertThreatsOfCase(trx, row.case_id, patch.threatIds ?? []);
    await assertConsentOfCase(trx, row.case_id, { ...before, ...patch });

    await repo.updateReferral(trx, row.id, row.version, { ...referralColumns(patch), version: row.version + 1, updated_at: at });
    if (threatsChanged) await repo.replaceThreats(trx, row.id, patch.threatIds ?? []);
    await touchCases(trx, [row.case_id], at);
    await appendAudit(trx, { actor: ctx.actor, at: now, action: 'update', entity: 'referral', entityId: row.id, caseId: row.case_id, changes });
    return getReferral(trx, row.id, today);
  });
}

/** Rules that hold for every saved referral, whatever the edit. */
function assertConsistent(fields: ReferralFields): void {
  if (!isPurposeOf(fields.recipientType, fields.purposeId)) {
    const choices = PURPOSES.forType(fields.recipientType).map((p) => `“${p.label}”`);
    throw new AppError('VALIDATION', `That purpose is not one for ${RECIPIENT_PHRASES[fields.recipientType]}. Choose ${orList(choices)}.`);
  }
  if (fields.outcome !== null && fields.status !== 'closed') {
    throw new AppError('VALIDATION', 'An outcome can only be recorded on a closed referral. Close the referral in the same step, or leave the outcome empty.');
  }
  if (fields.followUpOn !== null && fields.sentOn !== null && fields.followUpOn < fields.sentOn) {
    throw new AppError(
      'VALIDATION',
      `The follow-up date (${fields.followUpOn}) is before the date the referral was sent (${fields.sentOn}). Choose a follow-up date on or after ${fields.sentOn}.`,
    );
  }
}

/** A referral links only to a consent of its own case for the same kind of recipient. */
async function assertConsentOfCase(db: DbOrTrx, caseId: string, fields: Pick<ReferralFields, 'consentId' | 'recipientType'>): Promise<void> {
  if (fields.consentId === null) return;
  const consent = await repo.findConsentOfCase(db, caseId, fields.consentId);
  if (!consent) throw new AppError('VALIDATION', 'The linked consent is not part of this case (or no longer exists). Link a consent recorded in this case.');
  if (consent.recipient_type !== fields.recipientType) {
    throw new AppError('VALIDATION', `The linked consent is for sharing with ${RECIPIENT_PHRASES[consent.recipient_type as ReferralFields['recipientType']] ?? 'another recipient'}, not ${RECIPIENT_PHRASES[fields.recipientType]}. Record a consent for this recipient.`);
  }
}

async function assertThreatsOfCase(db: DbOrTrx, caseId: string, threatIds: readonly string[]): Promise<void> {
  const found = await repo.threatsOfCase(db, caseId, threatIds);
  if (found.length !== threatIds.length) {
    const missing = threatIds.length - found.length;
    throw new AppError(
      'VALIDATION',
      `${missing === 1 ? 'One linked threat is' : `${missing} linked threats are`} not part of this case (or no longer exist). Link only threats recorded in this case.`,
    );
  }
}
