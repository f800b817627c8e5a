import { useEffect } from 'react'
import { useRoutingStore } from '../../stores/routingStore'
import { EffortSummary } from './EffortSummary'

/** EffortSummary of the open project, read again whenever `refreshKey` changes (lead views only). */
export function RoutedEffort({ refreshKey }: { refreshKey?: unknown }) {
  const state = useRoutingStore((s) => s.state)
  const load = useRoutingStore((s) => s.load)
  useEffect(() => {
    void load()
  }, [load, refreshKey])
  return state ? <EffortSummary status={state.status} /> : null
}
