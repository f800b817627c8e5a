import { useEffect, useRef, type ReactNode } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import { TEAM_PAGE } from '../../stores/teamStore'

interface PagedRows<T> {
  rows: T[]
  total: number
  loading: boolean
}

/**
 * A virtualized list of rows of variable height, paged from the server: the next page is asked for when the view
 * nears the end of what is loaded.
 */
export function PagedRowList<T extends { itemId: number }>({
  page,
  loadFrom,
  estimateSize,
  overscan,
  testId,
  rowTestId,
  renderRow,
}: {
  page: PagedRows<T>
  loadFrom(offset: number): unknown
  estimateSize: number
  overscan: number
  testId: string
  rowTestId: string
  renderRow(row: T): ReactNode
}) {
  const { t } = useTranslation()
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({ count: page.rows.length, getScrollElement: () => scrollRef.current, estimateSize: () => estimateSize, overscan })
  const items = virtualizer.getVirtualItems()
  const last = items[items.length - 1]?.index ?? 0
  const { rows, total, loading } = page
  useEffect(() => {
    if (!loading && rows.length < total && last >= rows.length - TEAM_PAGE / 10) void loadFrom(rows.length)
  }, [last, rows.length, total, loading, loadFrom])

  return (
    <div ref={scrollRef} className="virtual-scroll team-scroll" data-testid={testId}>
      {rows.length === 0 && !loading && <div className="list-empty">{t('workbench.team.noRows')}</div>}
      <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {items.map((virtualRow) => {
          const row = rows[virtualRow.index]
          return (
            <div
              key={row.itemId}
              ref={virtualizer.measureElement}
              data-index={virtualRow.index}
              className="team-row"
              style={{ position: 'absolute', top: 0, left: 0, right: 0, transform: `translateY(${virtualRow.start}px)` }}
              data-testid={rowTestId}
            >
              {renderRow(row)}
            </div>
          )
        })}
      </div>
    </div>
  )
}
