import { useTranslation } from 'react-i18next'

export function TeamView() {
  const { t } = useTranslation()
  return (
    <main className="view-placeholder" data-testid="view-team">
      <h2>{t('views.team')}</h2>
    </main>
  )
}
