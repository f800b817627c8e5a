import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../stores/appStore'
import { LanguageSwitch } from '../../components/LanguageSwitch'

/** The start screens' header: the name, the tagline and the language switch. */
export function StartHeader() {
  const { t } = useTranslation()
  const { language, setLanguage } = useAppStore()
  return (
    <header className="start-header">
      <div>
        <h1>Castor</h1>
        <p className="muted">{t('start.tagline')}</p>
      </div>
      <LanguageSwitch value={language} onChange={setLanguage} />
    </header>
  )
}
