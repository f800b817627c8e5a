import { useEffect, useRef, useState } from 'react'
import { useVirtualizer } from '@tanstack/react-virtual'
import { useTranslation } from 'react-i18next'
import { useBrowseStore } from '../../stores/browseStore'
import { focusPane } from '../../hooks/focusPane'
import { useFormat } from '../../hooks/useFormat'
import { InstructionRowView } from './InstructionRowView'

const ROW_HEIGHT = 58
const SEARCH_DELAY_MS = 200

/** Pane 1: every instruction, virtualized, read in pages of 200 as the list scrolls; search on top. */
export function InstructionList() {
  const { t } = useTranslation()
  const format = useFormat()
  const total = useBrowseStore((s) => s.total)
  const cursor = useBrowseStore((s) => s.cursor)
  const openId = useBrowseStore((s) => s.instructionId)
  const search = useBrowseStore((s) => s.search)
  useBrowseStore((s) => s.pages) // re-render when a page arrives
  const { ensureRows, rowAt, setCursor, setSearch, openInstruction } = useBrowseStore.getState()

  const [query, setQuery] = useState(search)
  useEffect(() => setQuery(search), [search])
  useEffect(() => {
    const timer = setTimeout(() => setSearch(query.trim()), SEARCH_DELAY_MS)
    return () => clearTimeout(timer)
  }, [query, setSearch])

  const scrollRef = useRef<HTMLDivElement>(null)
  const count = total ?? 0
  const virtualizer = useVirtualizer({
    count,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 12,
  })
  const virtualRows = virtualizer.getVirtualItems()
  const first = virtualRows[0]?.index ?? 0
  const last = virtualRows[virtualRows.length - 1]?.index ?? 0

  useEffect(() => {
    ensureRows(first, last)
  }, [first, last, count, ensureRows])

  function moveTo(index: number) {
    const target = Math.min(Math.max(0, index), Math.max(0, count - 1))
    setCursor(target)
    virtualizer.scrollToIndex(target, { align: 'auto' })
  }

  function open(index: number) {
    const row = rowAt(index)
    if (!row) return
    setCursor(index)
    void openInstruction(row.id)
  }

  function onKeyDown(event: React.KeyboardEvent) {
    const page = Math.max(1, Math.floor((scrollRef.current?.clientHeight ?? ROW_HEIGHT * 10) / ROW_HEIGHT) - 1)
    const moves: Record<string, number> = {
      ArrowDown: cursor + 1,
      ArrowUp: cursor - 1,
      PageDown: cursor + page,
      PageUp: cursor - page,
      Home: 0,
      End: count - 1,
    }
    if (event.key in moves) {
      event.preventDefault()
      moveTo(moves[event.key])
    } else if (event.key === 'Enter') {
      event.preventDefault()
      open(cursor)
      focusPane('answers')
    }
  }

  return (
    <section className="pane pane-instructions" aria-label={t('instructions.title')}>
      <header className="pane-header">
        <h2>{t('instructions.title')}</h2>
        <span className="pane-count" data-testid="instructions-total">
          {total === null ? '…' : format.count(total)}
        </span>
      </header>
      <div className="search">
        <input
          type="search"
          value={query}
          placeholder={t('instructions.search')}
          aria-label={t('instructions.search')}
          data-testid="instruction-search"
          onChange={(event) => setQuery(event.target.value)}
          onKeyDown={(event) => {
            if (event.key === 'ArrowDown' || event.key === 'Enter') {
              event.preventDefault()
              setSearch(query.trim())
              focusPane('instructions')
            } else if (event.key === 'Escape') {
              setQuery('')
            }
          }}
        />
      </div>
      <div
        ref={scrollRef}
        className="virtual-scroll"
        role="listbox"
        tabIndex={0}
        aria-label={t('instructions.title')}
        aria-activedescendant={count > 0 ? `instruction-${cursor}` : undefined}
        data-pane="instructions"
        data-testid="instruction-list"
        onKeyDown={onKeyDown}
      >
        {total === 0 && <div className="list-empty">{search ? t('instructions.noMatches') : t('instructions.empty')}</div>}
        <div style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
          {virtualRows.map((virtualRow) => {
            const row = rowAt(virtualRow.index)
            return (
              <div
                key={virtualRow.key}
                id={`instruction-${virtualRow.index}`}
                role="option"
                aria-selected={row !== undefined && row.id === openId}
                className={`instruction-row ${virtualRow.index === cursor ? 'cursor' : ''} ${row && row.id === openId ? 'open' : ''}`}
                style={{ height: ROW_HEIGHT, transform: `translateY(${virtualRow.start}px)` }}
                data-testid="instruction-row"
                data-id={row?.id}
                onClick={() => open(virtualRow.index)}
              >
                {row ? <InstructionRowView row={row} /> : <div className="row-placeholder">…</div>}
              </div>
            )
          })}
        </div>
      </div>
    </section>
  )
}
