import { RECIPIENT_PHRASES } from '../../../shared/domain/packet-labels';
import type { ReferralDto } from '../../../shared/domain/records';
import { purposeLabel } from '../../../shared/purposes';
import type { ConsentGate } from '../../../shared/ipc/packets-contract';
import { findValidConsent, listConsents } from '../consents/consents.service';
import type { DbOrTrx } from '../records/context';

/** An override needs a reason someone can later understand, not a token "ok". */
export const MIN_OVERRIDE_REASON = 15;

/**
 * The consent gate (DESIGN §6): a consent in force for the referral's
 * recipient that covers its purpose (by vocabulary id; the detail text never
 * counts) lets the packet go; without one, only a written
 * override reason does. When blocked, the message says what exists and what
 * to do, so the caseworker is never left guessing why.
 */
export async function consentGateFor(db: DbOrTrx, referral: ReferralDto, overrideReason: string | null, today: string): Promise<ConsentGate> {
  const consent = await findValidConsent(
    db,
    {
      caseId: referral.caseId,
      recipientType: referral.recipientType,
      recipientOrg: referral.recipientOrg,
      purposeId: referral.purposeId,
      linkedConsentId: referral.consentId,
    },
    today,
  );
  if (consent) return { state: 'consent', consent };
  const reason = overrideReason?.trim() ?? '';
  if (reason.length >= MIN_OVERRIDE_REASON) return { state: 'override', reason };
  return { state: 'blocked', message: await explainMissingConsent(db, referral, today, reason) };
}

async function explainMissingConsent(db: DbOrTrx, referral: ReferralDto, today: string, reason: string): Promise<string> {
  const recipient = RECIPIENT_PHRASES[referral.recipientType];
  const way = 'Record the client’s consent on the case’s Consent tab, or write down why this packet must go without it (the reason is printed in the packet and kept in the history).';
  const short = reason.length > 0 ? ` The reason to share without consent must be at least ${MIN_OVERRIDE_REASON} characters.` : '';
  const forType = (await listConsents(db, referral.caseId, today)).filter((c) => c.recipientType === referral.recipientType);
  const valid = forType.filter((c) => c.state === 'valid' && c.givenOn <= today);
  const sameOrg = (org: string) => org.trim() === '' || org.trim().toLowerCase() === referral.recipientOrg.trim().toLowerCase();
  let what: string;
  if (valid.length > 0) {
    const forOrg = valid.filter((c) => sameOrg(c.recipientOrg));
    if (forOrg.length === 0) {
      what = `The client’s consent covers ${valid[0]!.recipientOrg}, not ${referral.recipientOrg}.`;
    } else {
      const covered = [...new Set(forOrg.flatMap((c) => c.purposeIds))].map((id) => `“${purposeLabel(id)}”`);
      what = `The client consented to sharing with ${recipient} for ${covered.join(', ')}, not for this referral’s purpose “${purposeLabel(referral.purposeId)}”.`;
    }
  } else if (forType.some((c) => c.state === 'withdrawn')) {
    const c = forType.find((x) => x.state === 'withdrawn')!;
    what = `The client withdrew their consent to sharing with ${recipient}${c.withdrawnOn ? ` on ${c.withdrawnOn.slice(0, 10)}` : ''}.`;
  } else if (forType.some((c) => c.state === 'expired')) {
    const c = forType.find((x) => x.state === 'expired')!;
    what = `The client’s consent to sharing with ${recipient} expired on ${c.expiresOn}.`;
  } else {
    what = `The client has not consented to sharing with ${recipient}.`;
  }
  return `${what} ${way}${short}`;
}
