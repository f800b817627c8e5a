import { useEffect, useState } from 'react'
import type { QualityReport } from '@shared/api/qualityOperations'
import { api } from '../../api'
import { useAppStore } from '../../stores/appStore'

export type Consensus = 'mean' | 'mace'

/**
 * The judges against MACE's posterior labels (the alternative consensus), read through `quality-compute` while
 * `consensus` is 'mace'; refetched when the data version the analytics screen saw changes.
 */
export function useMaceConsensus(consensus: Consensus, dataVersion: string | null): QualityReport['judgesVsMace'] | null {
  const [judges, setJudges] = useState<QualityReport['judgesVsMace'] | null>(null)
  useEffect(() => {
    if (consensus !== 'mace') return
    let live = true
    api
      .invoke('quality-compute', {})
      .then((report) => live && setJudges(report.judgesVsMace))
      .catch((error: unknown) => useAppStore.getState().reportError(error))
    return () => {
      live = false
    }
  }, [consensus, dataVersion])
  return consensus === 'mace' ? judges : null
}
