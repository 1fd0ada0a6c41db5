/** The app's sections, in navigation order. Ids are stable (used as i18n keys). */
export const SECTIONS = ['cases', 'contacts', 'referrals', 'dashboard', 'settings'] as const;
export type Section = (typeof SECTIONS)[number];
/** Sections whose page can still be the honest "nothing here yet" state. */
export type EmptySection = Exclude<Section, 'settings'>;
