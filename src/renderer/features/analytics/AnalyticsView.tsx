import { useTranslation } from 'react-i18next'

export function AnalyticsView() {
  const { t } = useTranslation()
  return (
    <main className="view-placeholder" data-testid="view-analytics">
      <h2>{t('analytics.title')}</h2>
    </main>
  )
}
