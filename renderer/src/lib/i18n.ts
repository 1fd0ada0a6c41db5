import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../locales/en.json';

export const SUPPORTED_LANGUAGES = ['en'] as const;

/** All strings are bundled: nothing is fetched, ever. */
void i18next.use(initReactI18next).init({
  resources: { en: { translation: en } },
  lng: 'en',
  fallbackLng: 'en',
  supportedLngs: SUPPORTED_LANGUAGES,
  // React escapes text itself; everything is rendered as text, never as HTML.
  interpolation: { escapeValue: false },
  returnNull: false,
  initAsync: false,
});

export default i18next;
