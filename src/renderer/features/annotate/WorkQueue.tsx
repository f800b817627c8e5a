import { useEffect, useRef } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import type { QueueEntry } from '../../stores/workbenchStore'

const ROW_HEIGHT = 56

/** The annotator's assigned answers, virtualized; ↑/↓ move, Enter opens; «Next answer» asks for more work. */
export function WorkQueue({
  entries,
  total,
  openId,
  loadingNext,
  noMoreWork,
  onOpen,
  onNext,
  onRange,
}: {
  entries: QueueEntry[]
  /** Every assigned answer, loaded or not. */
  total: number
  openId: number | null
  loadingNext: boolean
  noMoreWork: 'none-left' | 'quota-reached' | null
  onOpen(responseId: number): void
  onNext(): void
  /** The last row index the list shows, so more of the queue can be loaded. */
  onRange(lastIndex: number): void
}) {
  const { t } = useTranslation()
  const scrollRef = useRef<HTMLDivElement>(null)
  const virtualizer = useVirtualizer({
    count: entries.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 10,
  })
  const openIndex = entries.findIndex((entry) => entry.responseId === openId)
  const virtualRows = virtualizer.getVirtualItems()
  const lastShown = virtualRows[virtualRows.length - 1]?.index ?? 0
  useEffect(() => onRange(lastShown), [lastShown, entries.length, onRange])

  useEffect(() => {
    if (openIndex >= 0) virtualizer.scrollToIndex(openIndex, { align: 'auto' })
  }, [openIndex, virtualizer])

  function onKeyDown(event: React.KeyboardEvent) {
    const moves: Record<string, number> = { ArrowDown: openIndex + 1, ArrowUp: openIndex - 1, Home: 0, End: entries.length - 1 }
    if (!(event.key in moves) || entries.length === 0) return
    event.preventDefault()
    event.stopPropagation()
    const target = entries[Math.min(Math.max(0, moves[event.key]), entries.length - 1)]
    if (target) onOpen(target.responseId)
  }

  const done = entries.filter((entry) => entry.done >= entry.total).length
  return (
    <aside className="pane wb-queue" aria-label={t('workbench.queue.title')}>
      <header className="pane-header">
        <h2>{t('workbench.queue.title')}</h2>
        <span className="pane-count" data-testid="wb-queue-count">
          {t('workbench.queue.progress', { done, total })}
        </span>
      </header>
      <div className="wb-queue-actions">
        <button type="button" className="primary" onClick={onNext} disabled={loadingNext} title={t('workbench.queue.nextHint')} data-testid="wb-next">
          {t('workbench.queue.next')}
        </button>
      </div>
      {noMoreWork && (
        <p className="muted wb-queue-note" data-testid="wb-no-more-work">
          {noMoreWork === 'quota-reached' ? t('workbench.queue.quotaReached') : t('workbench.queue.noMoreWork')}
        </p>
      )}
      <div
        ref={scrollRef}
        className="virtual-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('workbench.queue.title')}
        data-pane="wb-queue"
        data-testid="wb-queue"
        onKeyDown={onKeyDown}
      >
        {entries.length === 0 && <div className="list-empty">{t('workbench.queue.empty')}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualRows.map((virtualRow) => {
            const entry = entries[virtualRow.index]
            const complete = entry.done >= entry.total
            return (
              <div
                key={entry.responseId}
                role="option"
                aria-selected={entry.responseId === openId}
                className={`wb-queue-row ${entry.responseId === openId ? 'open' : ''} ${complete ? 'complete' : ''}`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${virtualRow.start}px)` }}
                data-testid="wb-queue-row"
                data-response-id={entry.responseId}
                data-complete={complete}
                onClick={() => onOpen(entry.responseId)}
              >
                <div className="row-line">
                  <span className="answer-model">{entry.model}</span>
                  <span className={`wb-queue-progress ${complete ? 'complete' : ''}`}>
                    {complete ? `✓ ${t('workbench.queue.done')}` : `${entry.done}/${entry.total}`}
                  </span>
                </div>
                <div className="row-preview">{entry.preview}</div>
              </div>
            )
          })}
        </div>
      </div>
    </aside>
  )
}
