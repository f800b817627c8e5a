import { lazy, Suspense } from 'react'
import { useTranslation } from 'react-i18next'

// ECharts is most of the dashboard's weight: it loads as its own chunk when the tab first opens.
const AnalyticsDashboard = lazy(() => import('./AnalyticsDashboard'))

export function AnalyticsView() {
  const { t } = useTranslation()
  return (
    <Suspense
      fallback={
        <main className="analytics" data-testid="view-analytics">
          <p className="muted">{t('analytics.loading')}</p>
        </main>
      }
    >
      <AnalyticsDashboard />
    </Suspense>
  )
}
