import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { useAppStore } from './stores/appStore'
import { BusyNotice } from './components/BusyNotice'
import { ErrorDetails } from './components/ErrorDetails'
import { ExportToast } from './features/project/ExportToast'
import { ProjectScreen } from './features/project/ProjectScreen'
import { StartScreen } from './features/start/StartScreen'
import { ServedStartScreen } from './features/start/ServedStartScreen'

export function App() {
  const { t } = useTranslation()
  const status = useAppStore((s) => s.status)
  const project = useAppStore((s) => s.project)
  const canSwitch = useAppStore((s) => s.appState?.canSwitchProjects ?? false)
  const newProjectFile = useAppStore((s) => s.appState?.newProjectFile ?? null)
  const error = useAppStore((s) => s.error)
  const dismissError = useAppStore((s) => s.dismissError)

  useEffect(() => {
    if (!error) return
    const onKey = (event: KeyboardEvent) => event.key === 'Escape' && dismissError()
    window.addEventListener('keydown', onKey)
    return () => window.removeEventListener('keydown', onKey)
  }, [error, dismissError])

  let screen
  if (status === 'loading') screen = <div className="splash">{t('common.loading')}</div>
  else if (status === 'failed') screen = <div className="splash">{t('app.unreachable')}</div>
  else if (project) screen = <ProjectScreen key={project.path} project={project} />
  else if (canSwitch) screen = <StartScreen />
  else if (newProjectFile) screen = <ServedStartScreen file={newProjectFile} />
  else screen = <div className="splash">{t('app.noProject')}</div>

  return (
    <>
      {screen}
      <BusyNotice />
      {/* Outcomes and errors stack in one corner, clear of the top bar's menus. */}
      <div className="toast-area">
        {project && <ExportToast />}
        {error && (
          <div className="banner" data-testid="error-banner">
            <ErrorDetails error={error} />
            <button type="button" className="icon-button" aria-label={t('common.dismiss')} onClick={dismissError}>
              ×
            </button>
          </div>
        )}
      </div>
    </>
  )
}
