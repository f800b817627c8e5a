import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { ItemRouting } from '@shared/api/routingModels'
import { api } from '../../api'
import { routingReasonText } from './routingReason'

/** Lead views (Browse, review): why this item went to experts or was accepted; nothing when routing is off. */
export function RoutingReason({ itemId }: { itemId: number }) {
  const { t } = useTranslation()
  const [routing, setRouting] = useState<ItemRouting | null>(null)
  useEffect(() => {
    let live = true
    setRouting(null)
    api.invoke('routing-item', { itemId }).then(
      (result) => live && setRouting(result),
      () => undefined,
    )
    return () => {
      live = false
    }
  }, [itemId])
  if (!routing) return null
  return (
    <p className={`routing-reason routing-${routing.role}`} data-testid="routing-reason" data-role={routing.role}>
      {routingReasonText(routing, t)}
    </p>
  )
}
