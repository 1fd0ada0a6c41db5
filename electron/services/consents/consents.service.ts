import { localDay } from '../records/dates';
import { touchCases } from '../records/case-touch';
import { randomUUID } from 'node:crypto';
import type { z } from 'zod';
import { AppError } from '../../../shared/errors';
import type { RecipientType } from '../../../shared/domain/enums';
import { RECIPIENT_PHRASES } from '../../../shared/domain/packet-labels';
import { isPurposeOf, PURPOSES } from '../../../shared/purposes';
import type { ConsentDto, consentCreateInput, consentWithdrawInput } from '../../../shared/domain/records';
import { appendAudit, diffFields } from '../audit/audit.service';
import type { DbOrTrx, RecordContext } from '../records/context';
import { assertCurrentVersion, notFound } from '../records/versioning';
import { consentsRepository as repo } from './consents.repository';
import { consentToDto } from './consents.mapper';

/**
 * Consent per client, recipient and purpose (DESIGN §4, §6). Records are
 * never deleted or edited in place: a change of mind is a withdrawal (kept
 * with its date and note) and, if needed, a new consent.
 */
export type ConsentCreateInput = z.infer<typeof consentCreateInput>;
export type ConsentWithdrawInput = z.infer<typeof consentWithdrawInput>;
export type ExpiringConsentRow = Awaited<ReturnType<typeof repo.expiringBetween>>[number];

export interface ConsentQuery {
  caseId: string;
  recipientType: RecipientType;
  /** The organisation the packet goes to; without it only consents for the whole recipient type match. */
  recipientOrg?: string;
  /** When given, only a consent covering this purpose id matches. */
  purposeId?: string;
  /** The consent the referral is linked to: preferred when it matches. */
  linkedConsentId?: string | null;
}


/** Compares organisation names as a caseworker would read them: case, width and spacing ignored. */
function normalise(text: string | undefined): string {
  return (text ?? '').normalize('NFKC').toLowerCase().replace(/\s+/gu, ' ').trim();
}

export async function listConsents(db: DbOrTrx, caseId: string, today: string): Promise<ConsentDto[]> {
  const rows = await repo.listForCase(db, caseId);
  return rows.map((row) => consentToDto(row, today));
}

export async function createConsent(ctx: RecordContext, input: ConsentCreateInput): Promise<ConsentDto> {
  const now = ctx.now();
  const at = now.toISOString();
  const today = localDay(now);
  const fields = { ...input.consent, purposeIds: [...new Set(input.consent.purposeIds)] };
  const foreign = fields.purposeIds.filter((id) => !isPurposeOf(fields.recipientType, id));
  if (foreign.length > 0) {
    const choices = PURPOSES.forType(fields.recipientType).map((p) => `“${p.label}”`).join(', ');
    throw new AppError('VALIDATION', `A consent to sharing with ${RECIPIENT_PHRASES[fields.recipientType]} can only cover its purposes: ${choices}. Choose from these.`);
  }
  if (fields.givenOn > today) {
    throw new AppError('VALIDATION', `Consent cannot be dated in the future (${fields.givenOn}). Enter the day the client gave it.`);
  }
  if (fields.expiresOn !== null && fields.expiresOn < fields.givenOn) {
    throw new AppError(
      'VALIDATION',
      `The expiry date (${fields.expiresOn}) is before the day consent was given (${fields.givenOn}). Choose an expiry on or after ${fields.givenOn}, or leave it empty.`,
    );
  }
  return ctx.db.transaction().execute(async (trx) => {
    const caseRow = await repo.findCase(trx, input.caseId);
    if (!caseRow) throw notFound('case');
    const id = randomUUID();
    await repo.insertConsent(trx, {
      id,
      case_id: caseRow.id,
      recipient_type: fields.recipientType,
      recipient_org: fields.recipientOrg,
      purpose_ids: JSON.stringify(fields.purposeIds),
      purpose: fields.purposeDetail,
      scope_identity: fields.scopeIdentity,
      scope_evidence: fields.scopeEvidence ? 1 : 0,
      obtained_how: fields.obtainedHow,
      recorded_by: ctx.actor,
      given_on: fields.givenOn,
      expires_on: fields.expiresOn,
      withdrawn_on: null,
      withdrawal_note: '',
      version: 1,
      created_at: at,
      updated_at: at,
    });
    await touchCases(trx, [caseRow.id], at);
    await appendAudit(trx, {
      actor: ctx.actor,
      at: now,
      action: 'create',
      entity: 'consent',
      entityId: id,
      caseId: caseRow.id,
      changes: diffFields(null, { ...fields, recordedBy: ctx.actor }),
    });
    if (input.referralId !== undefined) await linkReferral(ctx, trx, input.referralId, { id, caseId: caseRow.id, ...fields }, now);
    return getConsent(trx, id, today);
  });
}

/**
 * "Record consent for this referral": the referral is linked to the new
 * consent, which must be for its recipient type and cover its purpose, so the
 * link never points at a consent that could not let its packet go.
 */
async function linkReferral(
  ctx: RecordContext,
  trx: DbOrTrx,
  referralId: string,
  consent: { id: string; caseId: string; recipientType: RecipientType; purposeIds: readonly string[] },
  now: Date,
): Promise<void> {
  const referral = await repo.findReferral(trx, referralId);
  if (!referral || referral.case_id !== consent.caseId) throw new AppError('VALIDATION', 'The referral to link is not part of this case (or no longer exists). Reload the case and try again.');
  if (referral.recipient_type !== consent.recipientType) {
    throw new AppError('VALIDATION', `This referral goes to ${RECIPIENT_PHRASES[referral.recipient_type as RecipientType] ?? 'another recipient'}: record the consent for that recipient type.`);
  }
  if (!consent.purposeIds.includes(referral.purpose_id)) {
    throw new AppError('VALIDATION', `The consent must cover this referral’s purpose, “${PURPOSES.byId(referral.purpose_id)?.label ?? referral.purpose_id}”. Tick it among the purposes.`);
  }
  const at = now.toISOString();
  await repo.linkReferral(trx, referral.id, referral.version, consent.id, at);
  await appendAudit(trx, {
    actor: ctx.actor,
    at: now,
    action: 'update',
    entity: 'referral',
    entityId: referral.id,
    caseId: referral.case_id,
    changes: diffFields({ consentId: referral.consent_id }, { consentId: consent.id }),
  });
}

/** Whether a consent covers a referral's purpose. Only ids count: the detail text never does. */
export function consentCovers(consent: Pick<ConsentDto, 'purposeIds'>, purposeId: string): boolean {
  return consent.purposeIds.includes(purposeId);
}

export async function withdrawConsent(ctx: RecordContext, input: ConsentWithdrawInput): Promise<ConsentDto> {
  return ctx.db.transaction().execute(async (trx) => {
    const now = ctx.now();
    const at = now.toISOString();
    const today = localDay(now);
    const row = await repo.findConsent(trx, input.id);
    if (!row) throw notFound('consent');
    await assertCurrentVersion(trx, 'consent', 'consent', row.id, row.version, input.version);
    if (row.withdrawn_on !== null) {
      throw new AppError('VALIDATION', `This consent was already withdrawn on ${row.withdrawn_on}. If the client agrees again, record a new consent.`);
    }
    if (input.withdrawnOn > today) {
      throw new AppError('VALIDATION', `A withdrawal cannot be dated in the future (${input.withdrawnOn}). Enter the day the client withdrew consent.`);
    }
    if (input.withdrawnOn < row.given_on) {
      throw new AppError('VALIDATION', `The withdrawal date (${input.withdrawnOn}) is before the day consent was given (${row.given_on}). Check the date.`);
    }
    await repo.updateConsent(trx, row.id, row.version, { withdrawn_on: input.withdrawnOn, withdrawal_note: input.note, version: row.version + 1, updated_at: at });
    await touchCases(trx, [row.case_id], at);
    await appendAudit(trx, {
      actor: ctx.actor,
      at: now,
      action: 'withdraw',
      entity: 'consent',
      entityId: row.id,
      caseId: row.case_id,
      changes: diffFields({ withdrawnOn: row.withdrawn_on, withdrawalNote: row.withdrawal_note }, { withdrawnOn: input.withdrawnOn, withdrawalNote: input.note }),
    });
    return getConsent(trx, row.id, today);
  });
}

/**
 * The consent gate for referral packets: a consent in force on `today` for
 * this recipient type whose organisation is empty (any organisation of that
 * type) or the same organisation, and, when a purpose id is given, covering
 * that purpose. The consent linked to the referral is preferred, then an
 * organisation-specific one over a type-wide one, then the most recently
 * given. null: no valid consent, block the export.
 */
export async function findValidConsent(db: DbOrTrx, query: ConsentQuery, today: string): Promise<ConsentDto | null> {
  const org = normalise(query.recipientOrg);
  const matches = (await repo.inForce(db, query.caseId, query.recipientType, today))
    .map((row) => consentToDto(row, today))
    .filter((consent) => {
      const consentOrg = normalise(consent.recipientOrg);
      if (consentOrg !== '' && consentOrg !== org) return false;
      return query.purposeId === undefined || consentCovers(consent, query.purposeId);
    });
  return (
    matches.find((c) => query.linkedConsentId != null && c.id === query.linkedConsentId) ??
    matches.find((c) => normalise(c.recipientOrg) !== '') ??
    matches[0] ??
    null
  );
}

/** Consents in force today whose last valid day falls within the next `days` days, soonest first (the dashboard). */
export async function listExpiringConsents(db: DbOrTrx, today: string, until: string): Promise<ExpiringConsentRow[]> {
  return repo.expiringBetween(db, today, until);
}

async function getConsent(db: DbOrTrx, id: string, today: string): Promise<ConsentDto> {
  const row = await repo.findConsent(db, id);
  if (!row) throw notFound('consent');
  return consentToDto(row, today);
}
