import { useTranslation } from 'react-i18next'
import { useAppStore } from '../../stores/appStore'
import { StartHeader } from './StartHeader'

/** `castor serve --new FILE` (or no file), for the owner: make FILE an empty project, the demo, or an uploaded project. */
export function ServedStartScreen({ file }: { file: string }) {
  const { t } = useTranslation()
  const { busy, createProject, openDemo, uploadProject, appState } = useAppStore()
  return (
    <div className="start-screen" data-testid="served-start">
      <StartHeader />
      <p className="muted">{t('mapping.start.served')}</p>
      <p>
        {t('mapping.start.newFile')}{' '}
        <code data-testid="served-new-file">{file}</code>
      </p>
      <div className="start-actions">
        <button type="button" className="primary" autoFocus disabled={busy !== null} onClick={() => void createProject()} data-testid="start-create">
          {t('mapping.start.create')}
        </button>
        <button type="button" disabled={busy !== null} onClick={() => void openDemo()} data-testid="start-demo">
          {busy === 'demo' ? t('start.openingDemo') : t('mapping.start.demo')}
        </button>
        <input
          id="start-upload"
          className="visually-hidden"
          type="file"
          accept=".castor"
          disabled={busy !== null}
          data-testid="start-upload"
          onChange={(event) => {
            const chosen = event.target.files?.[0]
            if (chosen) void uploadProject(chosen)
          }}
        />
        <label htmlFor="start-upload" className={`button ${busy !== null ? 'disabled' : ''}`}>
          {t('mapping.start.uploadProject')}
        </label>
      </div>
      {appState && <footer className="start-footer muted">Castor {appState.version}</footer>}
    </div>
  )
}
