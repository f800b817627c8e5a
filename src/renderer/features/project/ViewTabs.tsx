import { useTranslation } from 'react-i18next'
import { useViewStore } from '../../stores/viewStore'
import type { Role } from './viewAccess'
import { viewsFor, visibleView } from './views'

/** The project's screens as tabs: only those the caller's role may open. */
export function ViewTabs({ role }: { role: Role }) {
  const { t } = useTranslation()
  const chosen = useViewStore((s) => s.view)
  const show = useViewStore((s) => s.show)
  const current = visibleView(role, chosen).id
  return (
    <nav className="view-tabs" role="tablist" aria-label={t('views.label')} data-role={role}>
      {viewsFor(role).map((view) => (
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
