import { useTranslation } from 'react-i18next'

export function AnnotateView() {
  const { t } = useTranslation()
  return (
    <main className="view-placeholder" data-testid="view-annotate">
      <h2>{t('workbench.title')}</h2>
    </main>
  )
}
