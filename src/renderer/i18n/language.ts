import type { Language } from '@shared/api/models'

export const languages: readonly Language[] = ['ru', 'en']
const STORAGE_KEY = 'castor.language'

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (languages as readonly string[]).includes(value)
}

/** Russian for Russian-reading locales (and their neighbours), English otherwise. */
export function languageOfLocale(locale: string | undefined): Language {
  return /^(ru|be|uk|kk|ky)\b/i.test(locale ?? '') ? 'ru' : 'en'
}

/**
 * The language the UI starts in: the user's saved choice, else the browser's language under `castor serve`
 * (the server's OS locale says nothing about the reader), else what the desktop host suggests.
 */
export function initialLanguage(options: {
  saved: string | null
  platform: 'desktop' | 'web'
  suggested: Language
  browserLanguage: string | undefined
}): Language {
  if (isLanguage(options.saved)) return options.saved
  return options.platform === 'web' ? languageOfLocale(options.browserLanguage) : options.suggested
}

export function savedLanguage(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY)
  } catch {
    return null
  }
}

export function saveLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language)
  } catch {
    // storage may be disabled; the choice then lasts for this page only
  }
}
