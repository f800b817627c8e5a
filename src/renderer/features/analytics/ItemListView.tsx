import { useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import type { ItemList } from '../../stores/analyticsStore'
import { useAnalyticsStore } from '../../stores/analyticsStore'
import { formatFigure } from '@shared/charts/analyticsCharts'

const ROW_HEIGHT = 34

/** The items behind a chart cell or the disagreement browser: virtualized; Enter or a click opens one in browse. */
export function ItemListView({ list, testId }: { list: ItemList; testId: string }) {
  const { t } = useTranslation()
  const openItem = useAnalyticsStore((s) => s.openItem)
  const scrollRef = useRef<HTMLDivElement>(null)
  const [cursor, setCursor] = useState(0)
  const count = list.rows.length
  const virtualizer = useVirtualizer({ count, getScrollElement: () => scrollRef.current, estimateSize: () => ROW_HEIGHT, overscan: 10 })

  function onKeyDown(event: React.KeyboardEvent) {
    const moves: Record<string, number> = { ArrowDown: cursor + 1, ArrowUp: cursor - 1, Home: 0, End: count - 1 }
    if (event.key in moves) {
      event.preventDefault()
      const next = Math.min(Math.max(0, moves[event.key]), Math.max(0, count - 1))
      setCursor(next)
      virtualizer.scrollToIndex(next, { align: 'auto' })
    } else if (event.key === 'Enter' && list.rows[cursor]) {
      event.preventDefault()
      void openItem(list.rows[cursor].itemId)
    }
  }

  const hasJudge = list.rows.some((row) => row.judge !== null)
  return (
    <div className="item-list" data-testid={testId} data-total={list.total ?? ''}>
      <div className="item-list-head item-list-row">
        <span>{t('analytics.items.instruction')}</span>
        <span>{t('analytics.items.model')}</span>
        <span>{t('analytics.items.criterion')}</span>
        <span>{t('analytics.items.experts')}</span>
        <span>{hasJudge ? t('analytics.items.judge') : ''}</span>
        <span>{t('analytics.items.gap')}</span>
      </div>
      {list.total === null ? (
        <p className="muted">{t('analytics.loading')}</p>
      ) : count === 0 ? (
        <p className="muted">{t('analytics.items.empty')}</p>
      ) : (
        <div ref={scrollRef} className="item-list-scroll" role="listbox" tabIndex={0} aria-label={list.title} onKeyDown={onKeyDown}>
          <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
            {virtualizer.getVirtualItems().map((virtualRow) => {
              const row = list.rows[virtualRow.index]
              return (
                <div
                  key={row.itemId}
                  role="option"
                  aria-selected={virtualRow.index === cursor}
                  className={`item-list-row${virtualRow.index === cursor ? ' is-cursor' : ''}`}
                  data-testid="item-row"
                  data-item-id={row.itemId}
                  title={t('analytics.items.open')}
                  style={{ position: 'absolute', top: 0, left: 0, right: 0, height: ROW_HEIGHT, transform: `translateY(${virtualRow.start}px)` }}
                  onClick={() => {
                    setCursor(virtualRow.index)
                    void openItem(row.itemId)
                  }}
                >
                  <span className="mono">{row.instruction}</span>
                  <span>{row.model}</span>
                  <span>{row.criterion}</span>
                  <span className="mono">{row.experts.map((expert) => expert.score).join(' · ')}</span>
                  <span className="mono">{row.judge ?? ''}</span>
                  <span className="mono">{row.gap === null ? '—' : formatFigure(row.gap, 2)}</span>
                </div>
              )
            })}
          </div>
        </div>
      )}
    </div>
  )
}
