/* eslint-disable @typescript-eslint/no-explicit-any -- migrations run on whatever schema exists, not the app's types */
import type { Kysely } from 'kysely';

/**
 * Structured purposes (issue 10 §3) and two contact fields:
 * - referral.purpose_id: one purpose from the vocabulary (resources/purposes);
 *   consent.purpose_ids: the purposes a consent covers (JSON string[]). The
 *   old free-text `purpose` columns stay and now hold the purpose's detail,
 *   which never affects matching. Each old text is mapped to a purpose where
 *   the keywords below name exactly one; otherwise to the recipient type's
 *   general purpose. The text itself is kept, so nothing is lost;
 * - referral.consent_id: the consent the client gave for that referral;
 * - contact.date_of_birth and contact.identity_documents (JSON string[]),
 *   never shown in packets, so relatives' details can be kept out of them.
 *
 * The keyword table is frozen here (a migration never imports app code); the
 * interchange import reuses mapLegacyPurpose for files written before this.
 */
const LEGACY_KEYWORDS: Readonly<Record<string, readonly (readonly [string, RegExp])[]>> = {
  police: [
    ['criminal_complaint', /complain|criminal|prosecut|charges|crime report|report (?:a |the )?crime/u],
    ['threat_assessment', /threat assess|risk assess|protect|safety|security/u],
    ['investigation_information', /investigat|inquiry|enquiry|ongoing case/u],
  ],
  national_tnr_unit: [
    ['threat_assessment', /threat assess|risk assess|protect|safety|security/u],
    ['criminal_complaint', /complain|criminal|prosecut|charges/u],
    ['intelligence_report', /intelligence|for (?:their |your )?information|awareness|pattern/u],
  ],
  asylum_authority: [
    ['protection_claim', /asylum claim|protection claim|claim for (?:asylum|protection)|refugee claim|asylum application/u],
    ['new_evidence', /new evidence|additional evidence|further evidence|supplement/u],
    ['fresh_claim_appeal', /fresh claim|appeal|review|subsequent (?:claim|application)/u],
  ],
  interpol_ccf: [
    ['access', /\baccess\b/u],
    ['correction', /correct|rectif/u],
    ['deletion', /delet|remov|cancel|eras/u],
  ],
  un_special_procedure: [
    ['urgent_appeal', /urgent/u],
    ['allegation_letter', /allegation|communication|letter/u],
    ['thematic_report', /thematic|annual report|study|consultation/u],
  ],
  unhcr: [
    ['protection_intervention', /protection|intervention|intervene/u],
    ['resettlement', /resettle/u],
    ['status_determination', /status determination|\brsd\b|mandate status/u],
  ],
  lawyer: [
    ['legal_representation', /represent|litigat|court|proceedings|lawsuit/u],
    ['legal_advice', /advice|advise|consult|opinion/u],
  ],
  ngo: [
    ['advice_advocacy', /advocacy|advice|advise|campaign/u],
    ['security_support', /security|relocat|safe house|shelter|emergency/u],
    ['psychosocial_support', /psycho|counsel|trauma|mental health/u],
    ['documentation', /document|research/u],
  ],
};

/** The vocabulary id for an old free-text purpose: the one purpose its words name, else the type's general purpose. */
export function mapLegacyPurpose(recipientType: string, text: string): string {
  const words = text.normalize('NFKC').toLowerCase();
  const hits = (LEGACY_KEYWORDS[recipientType] ?? []).filter(([, pattern]) => pattern.test(words));
  return hits.length === 1 ? `${recipientType}.${hits[0]![0]}` : `${recipientType}.general`;
}

export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('referral').addColumn('purpose_id', 'text', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('referral').addColumn('consent_id', 'text', (c) => c.references('consent.id').onDelete('set null')).execute();
  await db.schema.alterTable('consent').addColumn('purpose_ids', 'text', (c) => c.notNull().defaultTo('[]')).execute();
  await db.schema.alterTable('contact').addColumn('date_of_birth', 'text').execute();
  await db.schema.alterTable('contact').addColumn('identity_documents', 'text', (c) => c.notNull().defaultTo('[]')).execute();

  const referrals: { id: string; recipient_type: string; purpose: string }[] = await db.selectFrom('referral').select(['id', 'recipient_type', 'purpose']).execute();
  for (const r of referrals) {
    await db.updateTable('referral').set({ purpose_id: mapLegacyPurpose(r.recipient_type, r.purpose) }).where('id', '=', r.id).execute();
  }
  const consents: { id: string; recipient_type: string; purpose: string }[] = await db.selectFrom('consent').select(['id', 'recipient_type', 'purpose']).execute();
  for (const c of consents) {
    await db.updateTable('consent').set({ purpose_ids: JSON.stringify([mapLegacyPurpose(c.recipient_type, c.purpose)]) }).where('id', '=', c.id).execute();
  }
  await db.schema.createIndex('referral_consent').on('referral').column('consent_id').execute();
}
