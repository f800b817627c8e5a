import type { Language } from '@shared/api/models'
import { languages } from '../i18n/language'

/** RU | EN, a two-button segmented switch. */
export function LanguageSwitch({ value, onChange }: { value: Language; onChange: (language: Language) => void }) {
  return (
    <div className="segmented" role="group" aria-label="Language / Язык" data-testid="language-switch">
      {languages.map((language) => (
        <button
          key={language}
          type="button"
          className={language === value ? 'active' : ''}
          aria-pressed={language === value}
          data-testid={`language-${language}`}
          onClick={() => onChange(language)}
        >
          {language.toUpperCase()}
        </button>
      ))}
    </div>
  )
}
