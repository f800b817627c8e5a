import i18next from 'i18next'
import { initReactI18next } from 'react-i18next'
import type { Language } from '@shared/api/models'
import { en } from './en'
import { ru } from './ru'

/** i18next with both languages bundled; `applyLanguage` also sets <html lang>. */
export async function initI18n(language: Language): Promise<void> {
  await i18next.use(initReactI18next).init({
    resources: { ru: { translation: ru }, en: { translation: en } },
    lng: language,
    fallbackLng: 'en',
    interpolation: { escapeValue: false }, // React escapes
    returnNull: false,
    showSupportNotice: false,
  })
  document.documentElement.lang = language
}

export function applyLanguage(language: Language): void {
  if (i18next.language !== language) void i18next.changeLanguage(language)
  document.documentElement.lang = language
}
