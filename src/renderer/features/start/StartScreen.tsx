import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../stores/appStore'
import { StartHeader } from './StartHeader'

/** No project open (desktop): open, create, the demo, and the recent projects. */
export function StartScreen() {
  const { t } = useTranslation()
  const { recent, busy, language, openProject, createProject, openDemo, openRecent, removeRecent, appState } = useAppStore()

  return (
    <div className="start-screen">
      <StartHeader />
      <div className="start-actions">
        <button
          type="button"
          className="primary"
          autoFocus
          disabled={busy !== null}
          onClick={() => void openProject()}
          data-testid="start-open"
        >
          {t('start.open')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void openProject({ readOnly: true })} data-testid="start-open-read-only">
          {t('start.openReadOnly')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void createProject()} data-testid="start-create">
          {t('start.create')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void openDemo()} data-testid="start-demo">
          {busy === 'demo' ? t('start.openingDemo') : t('start.demo')}
        </button>
      </div>
      <section className="recent" aria-label={t('start.recent')}>
        <h2 className="section-title">{t('start.recent')}</h2>
        {recent.length === 0 ? (
          <p className="muted">{t('start.noRecent')}</p>
        ) : (
          <ul
            className="recent-list"
            data-testid="recent-list"
            onKeyDown={(event) => {
              if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return
              event.preventDefault()
              const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>('.recent-open')]
              const index = buttons.indexOf(document.activeElement as HTMLButtonElement)
              buttons[Math.min(buttons.length - 1, Math.max(0, index + (event.key === 'ArrowDown' ? 1 : -1)))]?.focus()
            }}
          >
            {recent.map((project) => (
              <li key={project.path} className="recent-row" data-testid="recent-row">
                <button
                  type="button"
                  className="recent-open"
                  disabled={busy !== null}
                  onClick={() => void openRecent(project.path)}
                  title={project.path}
                >
                  <span className="recent-name">{project.name}</span>
                  <span className="recent-path">{project.path}</span>
                  <span className="recent-date">{new Date(project.openedAt).toLocaleString(language === 'ru' ? 'ru-RU' : 'en-US')}</span>
                </button>
                <button
                  type="button"
                  className="icon-button"
                  aria-label={t('start.remove', { name: project.name })}
                  title={t('start.remove', { name: project.name })}
                  onClick={() => void removeRecent(project.path)}
                  data-testid="recent-remove"
                >
                  ×
                </button>
              </li>
            ))}
          </ul>
        )}
      </section>
      {appState && <footer className="start-footer muted">Castor {appState.version}</footer>}
    </div>
  )
}
