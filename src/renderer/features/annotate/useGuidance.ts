import { useEffect, useState } from 'react'
import type { AnswerGuidance } from '@shared/api/criteriaModels'
import { api } from '../../api'
import { useAppStore } from '../../stores/appStore'

/** The guidance of the open answer (task path, guidelines); re-read when the answer changes. */
export function useGuidance(responseId: number | null): AnswerGuidance | null {
  const [guidance, setGuidance] = useState<{ responseId: number; value: AnswerGuidance } | null>(null)
  useEffect(() => {
    if (responseId === null) return
    let live = true
    api.invoke('guidance-get', { responseId }).then(
      (value) => live && setGuidance({ responseId, value }),
      (error: unknown) => useAppStore.getState().reportError(error),
    )
    return () => {
      live = false
    }
  }, [responseId])
  return guidance && guidance.responseId === responseId ? guidance.value : null
}
