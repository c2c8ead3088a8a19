// The kiosk's languages (i18next): English and Hindi for the demo; a customer switches at any step.
import i18next, { type i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './strings-en.js';
import { hi } from './strings-hi.js';

/** Languages the kiosk has words for. */
export const KIOSK_LANGUAGES = ['en', 'hi'] as const;
export type KioskLanguage = (typeof KIOSK_LANGUAGES)[number];

/** A fresh i18next instance for one kiosk window, starting in `lng`. */
export function createKioskI18n(lng: KioskLanguage = 'en'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    lng,
    fallbackLng: 'en',
    resources: { en: { translation: en }, hi: { translation: hi } },
    interpolation: { escapeValue: false },
    initAsync: false,
  });
  return instance;
}
