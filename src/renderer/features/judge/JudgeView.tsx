import { useTranslation } from 'react-i18next'

export function JudgeView() {
  const { t } = useTranslation()
  return (
    <main className="view-placeholder" data-testid="view-judge">
      <h2>{t('judge.title')}</h2>
    </main>
  )
}
