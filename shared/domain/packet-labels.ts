import type { ContactRole, DatePrecision, ImmigrationStatus, RecipientType, ThreatChannel, Verification } from './enums';
import type { PacketTemplate } from './packet';

/**
 * English wording of stored values as printed in referral packets. Packets go
 * to authorities abroad, so they are written in English whatever the app's
 * language; the UI keeps its own translations.
 */

export const RECIPIENT_TYPE_LABELS: Readonly<Record<RecipientType, string>> = {
  police: 'Police',
  national_tnr_unit: 'National transnational-repression unit',
  asylum_authority: 'Asylum or immigration authority',
  interpol_ccf: 'Commission for the Control of INTERPOL’s Files (CCF)',
  un_special_procedure: 'UN special procedures',
  unhcr: 'UNHCR',
  lawyer: 'Lawyer',
  ngo: 'Partner organisation',
};

/** The recipient type inside a sentence: "sharing with the police". */
export const RECIPIENT_PHRASES: Readonly<Record<RecipientType, string>> = {
  police: 'the police',
  national_tnr_unit: 'a national TNR unit',
  asylum_authority: 'an asylum or immigration authority',
  interpol_ccf: 'the INTERPOL CCF',
  un_special_procedure: 'UN special procedures',
  unhcr: 'UNHCR',
  lawyer: 'a lawyer',
  ngo: 'a partner organisation',
};

/** The recipient template each recipient type gets. */
export const TEMPLATE_OF: Readonly<Record<RecipientType, PacketTemplate>> = {
  police: 'police_report',
  national_tnr_unit: 'police_report',
  interpol_ccf: 'interpol_ccf',
  un_special_procedure: 'un_communication',
  asylum_authority: 'general',
  unhcr: 'general',
  lawyer: 'general',
  ngo: 'general',
};

export const TEMPLATE_TITLES: Readonly<Record<PacketTemplate, string>> = {
  police_report: 'Report of transnational repression for the police',
  interpol_ccf: 'Request to the Commission for the Control of INTERPOL’s Files',
  un_communication: 'Communication to the UN special procedures',
  general: 'Referral of a transnational repression case',
};

export const CHANNEL_LABELS: Readonly<Record<ThreatChannel, string>> = {
  in_person: 'In person',
  phone: 'Phone call',
  messaging: 'Messaging app',
  email: 'E-mail',
  social_media: 'Social media',
  via_family: 'Through family',
  official_letter: 'Official letter',
  other: 'Other',
};

export const VERIFICATION_LABELS: Readonly<Record<Verification, string>> = {
  unverified: 'Not yet verified',
  corroborated: 'Corroborated',
  verified: 'Verified',
};

export const IMMIGRATION_LABELS: Readonly<Record<ImmigrationStatus, string>> = {
  unknown: 'Unknown',
  citizen: 'Citizen',
  permanent_resident: 'Permanent resident',
  visa: 'On a visa',
  asylum_seeker: 'Asylum seeker',
  refugee: 'Refugee',
  undocumented: 'Undocumented',
};

export const ROLE_LABELS: Readonly<Record<ContactRole, string>> = {
  family_home: 'Relative in the home country',
  family_abroad: 'Relative abroad',
  friend: 'Friend',
  lawyer: 'Lawyer',
  interpreter: 'Interpreter',
  journalist: 'Journalist',
  official: 'Official',
  witness: 'Witness',
  perpetrator: 'Alleged perpetrator',
  informant: 'Informant',
  organisation: 'Organisation',
};

const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** A threat's date as precisely as it was recorded: "14 March 2026", "March 2026", "2026", "about March 2026", "2 – 9 March 2026". */
export function packetDate(precision: DatePrecision, from: string, to: string | null): string {
  const [y, m, d] = from.split('-');
  const month = MONTHS[Number(m) - 1] ?? '';
  const day = `${Number(d)} ${month} ${y}`;
  switch (precision) {
    case 'exact':
      return day;
    case 'month':
      return `${month} ${y}`;
    case 'year':
      return `${y}`;
    case 'approximate':
      return `about ${month} ${y}`;
    case 'range':
      return to ? `${day} – ${packetDate('exact', to, null)}` : `from ${day}`;
    default: {
      const unhandled: never = precision;
      return unhandled;
    }
  }
}
