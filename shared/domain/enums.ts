/**
 * The product's vocabulary (DESIGN §4) as data. Stored values are these ids;
 * the UI translates them through i18n keys of the same name.
 */
export const CASE_STATUSES = ['intake', 'active', 'referred', 'monitoring', 'closed'] as const;
export const PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const;
export const RISK_LEVELS = ['low', 'medium', 'high', 'critical'] as const;
export const IMMIGRATION_STATUSES = ['unknown', 'citizen', 'permanent_resident', 'visa', 'asylum_seeker', 'refugee', 'undocumented'] as const;
export const CONTACT_KINDS = ['person', 'organisation'] as const;
export const CONTACT_ROLES = [
  'family_home',
  'family_abroad',
  'friend',
  'lawyer',
  'interpreter',
  'journalist',
  'official',
  'witness',
  'perpetrator',
  'informant',
  'organisation',
] as const;
export const SENSITIVITIES = ['normal', 'confidential', 'never_disclose'] as const;
export const DATE_PRECISIONS = ['exact', 'month', 'year', 'approximate', 'range'] as const;
export const THREAT_CHANNELS = ['in_person', 'phone', 'messaging', 'email', 'social_media', 'via_family', 'official_letter', 'other'] as const;
export const VERIFICATIONS = ['unverified', 'corroborated', 'verified'] as const;
export const RECIPIENT_TYPES = ['police', 'national_tnr_unit', 'asylum_authority', 'interpol_ccf', 'un_special_procedure', 'unhcr', 'lawyer', 'ngo'] as const;
export const REFERRAL_STATUSES = ['draft', 'ready', 'sent', 'acknowledged', 'in_progress', 'closed'] as const;
export const REFERRAL_OUTCOMES = ['action_taken', 'declined', 'no_response'] as const;
export const CONSENT_IDENTITY_SCOPES = ['named', 'pseudonymised'] as const;
export const CONSENT_OBTAINED = ['written', 'verbal', 'representative'] as const;

export type CaseStatus = (typeof CASE_STATUSES)[number];
export type Priority = (typeof PRIORITIES)[number];
export type RiskLevel = (typeof RISK_LEVELS)[number];
export type ImmigrationStatus = (typeof IMMIGRATION_STATUSES)[number];
export type ContactKind = (typeof CONTACT_KINDS)[number];
export type ContactRole = (typeof CONTACT_ROLES)[number];
export type Sensitivity = (typeof SENSITIVITIES)[number];
export type DatePrecision = (typeof DATE_PRECISIONS)[number];
export type ThreatChannel = (typeof THREAT_CHANNELS)[number];
export type Verification = (typeof VERIFICATIONS)[number];
export type RecipientType = (typeof RECIPIENT_TYPES)[number];
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];
export type ReferralOutcome = (typeof REFERRAL_OUTCOMES)[number];

/** Relatives in the home country are never disclosed unless a caseworker decides otherwise. */
export function defaultSensitivityForRole(role: ContactRole): Sensitivity {
  switch (role) {
    case 'family_home':
      return 'never_disclose';
    case 'family_abroad':
    case 'informant':
    case 'witness':
    case 'friend':
      return 'confidential';
    case 'lawyer':
    case 'interpreter':
    case 'journalist':
    case 'official':
    case 'perpetrator':
    case 'organisation':
      return 'normal';
    default: {
      const unreachable: never = role;
      return unreachable;
    }
  }
}

/** Allowed next statuses for a referral; a referral can always be closed. */
export const REFERRAL_TRANSITIONS: Readonly<Record<ReferralStatus, readonly ReferralStatus[]>> = {
  draft: ['ready', 'closed'],
  ready: ['draft', 'sent', 'closed'],
  sent: ['acknowledged', 'in_progress', 'closed'],
  acknowledged: ['in_progress', 'closed'],
  in_progress: ['closed'],
  closed: ['in_progress'],
};
