import { useSyncExternalStore } from 'react'
import { useTranslation } from 'react-i18next'
import { busyTracker } from '../api'

/** A status line while calls wait for another process to release the project (they are retried on their own). */
export function BusyNotice() {
  const { t } = useTranslation()
  const state = useSyncExternalStore(busyTracker.subscribe, busyTracker.current)
  if (!state) return null
  return (
    <div className="busy-notice" role="status" data-testid="busy-notice">
      {t('app.busyRetrying', { seconds: Math.ceil(state.delayMs / 1000), attempt: state.attempt, attempts: state.attempts })}
    </div>
  )
}
