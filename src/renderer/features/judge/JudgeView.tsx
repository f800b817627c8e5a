import { useEffect } from 'react'
import { useTranslation } from 'react-i18next'
import { api } from '../../api'
import { ErrorDetails } from '../../components/ErrorDetails'
import { useJudgeStore } from '../../stores/judgeStore'
import { useMeStore } from '../../stores/meStore'
import { NewRunForm } from './NewRunForm'
import { RunDetailPanel } from './RunDetailPanel'
import { RunList } from './RunList'

/** The judge panel: start a run on a server or a local model, watch its progress, pause, resume or cancel it. */
export function JudgeView() {
  const { t } = useTranslation()
  const role = useMeStore((state) => state.me?.role)
  const error = useJudgeStore((state) => state.error)
  const dismissError = useJudgeStore((state) => state.dismissError)

  useEffect(() => {
    const store = useJudgeStore.getState()
    void store.refresh()
    const off = api.on('judge-progress', (progress) => useJudgeStore.getState().onProgress(progress))
    const offLoad = api.on('judge-load-progress', (progress) => useJudgeStore.getState().onLoadProgress(progress))
    const offReconnect = api.onReconnect(() => void useJudgeStore.getState().refresh())
    return () => {
      off()
      offLoad()
      offReconnect()
    }
  }, [])

  return (
    <main className="judge-view" data-testid="view-judge">
      <div className="judge-column">
        {role === 'owner' || role === undefined ? <NewRunForm /> : <p className="muted judge-owner-only">{t('judge.ownerOnly')}</p>}
        {error && (
          <div className="judge-error">
            <ErrorDetails error={error} testId="judge-error" />
            <button type="button" onClick={dismissError}>
              {t('common.dismiss')}
            </button>
          </div>
        )}
        <RunList />
      </div>
      <RunDetailPanel />
    </main>
  )
}
