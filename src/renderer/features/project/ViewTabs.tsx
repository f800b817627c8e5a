import { useTranslation } from 'react-i18next'
import { useViewStore } from '../../stores/viewStore'
import { views } from './views'

/** The project's screens as tabs. */
export function ViewTabs() {
  const { t } = useTranslation()
  const current = useViewStore((s) => s.view)
  const show = useViewStore((s) => s.show)
  return (
    <nav className="view-tabs" role="tablist" aria-label={t('views.label')}>
      {views.map((view) => (
        <button
          key={view.id}
          type="button"
          role="tab"
          aria-selected={view.id === current}
          className={view.id === current ? 'view-tab active' : 'view-tab'}
          data-testid={`tab-${view.id}`}
          onClick={() => show(view.id)}
        >
          {t(view.label)}
        </button>
      ))}
    </nav>
  )
}
