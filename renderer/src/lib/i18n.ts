import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import enBase from '../locales/en.json';
import enCases from '../locales/en.cases.json';
import enRecords from '../locales/en.records.json';
import enInsights from '../locales/en.insights.json';
import enPackets from '../locales/en.packets.json';
import enBackup from '../locales/en.backup.json';

// One namespace, assembled from per-feature files so features can be added
// side by side. Top-level keys must not repeat across files.
const en = { ...enBase, ...enCases, ...enRecords, ...enInsights, ...enPackets, ...enBackup };

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
