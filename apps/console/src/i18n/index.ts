import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import * as en from './en';
import * as fr from './fr';

export const LANGUAGES = { en: 'English', fr: 'Français' } as const;
export type Language = keyof typeof LANGUAGES;

const STORAGE_KEY = 'retail-console.language';

/** The language chosen before (remembered in this browser), else the browser's if French, else English. */
function initialLanguage(): Language {
  const stored = localStorage.getItem(STORAGE_KEY);
  if (stored === 'en' || stored === 'fr') return stored;
  return navigator.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export function setLanguage(language: Language): void {
  localStorage.setItem(STORAGE_KEY, language);
  void i18n.changeLanguage(language);
}

// One namespace per screen (i18n/en/<screen>.ts), so that each screen's texts live beside the others in one file.
// Named before init(): knip does not follow namespace imports nested in a call's argument (`resources: { en, fr }`).
const resources = { en, fr };
void i18n.use(initReactI18next).init({
  resources,
  lng: initialLanguage(),
  fallbackLng: 'en',
  defaultNS: 'common',
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
});
i18n.on('languageChanged', (language) => document.documentElement.setAttribute('lang', language));
document.documentElement.setAttribute('lang', i18n.language);

export default i18n;
