/** The app's sections, in navigation order. Ids are stable (used as i18n keys). */
export const SECTIONS = ['cases', 'contacts', 'referrals', 'dashboard', 'reports', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];
