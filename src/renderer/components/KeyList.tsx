import { useEffect, useId, useRef, useState, type ReactNode } from 'react'

/**
 * A short keyboard list (answers, criteria): ↑/↓/Home/End move the highlight, Enter opens, Escape goes back.
 * The list is one tab stop; the highlighted row is announced through aria-activedescendant.
 */
export function KeyList<T>({
  items,
  keyOf,
  openKey,
  onOpen,
  onBack,
  renderRow,
  label,
  pane,
  testId,
  rowTestId,
  empty,
}: {
  items: readonly T[]
  keyOf: (item: T) => number
  openKey: number | null
  onOpen: (item: T) => void
  onBack?: () => void
  renderRow: (item: T) => ReactNode
  label: string
  pane: string
  testId: string
  rowTestId: string
  empty?: ReactNode
}) {
  const id = useId()
  const listRef = useRef<HTMLDivElement>(null)
  const [cursor, setCursor] = useState(0)

  // Follow the open row when it changes from elsewhere (J/K, a click in another pane).
  useEffect(() => {
    const index = items.findIndex((item) => keyOf(item) === openKey)
    if (index >= 0) setCursor(index)
  }, [items, keyOf, openKey])

  const clamped = Math.min(cursor, Math.max(0, items.length - 1))

  useEffect(() => {
    listRef.current?.querySelector(`[data-index="${clamped}"]`)?.scrollIntoView({ block: 'nearest' })
  }, [clamped])

  function onKeyDown(event: React.KeyboardEvent) {
    const moves: Record<string, number> = { ArrowDown: clamped + 1, ArrowUp: clamped - 1, Home: 0, End: items.length - 1 }
    if (event.key in moves) {
      event.preventDefault()
      setCursor(Math.min(Math.max(0, moves[event.key]), Math.max(0, items.length - 1)))
    } else if (event.key === 'Enter' && items[clamped]) {
      event.preventDefault()
      onOpen(items[clamped])
    } else if (event.key === 'Escape' && onBack) {
      event.preventDefault()
      onBack()
    }
  }

  if (items.length === 0) return <div className="list-empty">{empty}</div>
  return (
    <div
      ref={listRef}
      className="key-list"
      role="listbox"
      tabIndex={0}
      aria-label={label}
      aria-activedescendant={`${id}-${clamped}`}
      data-pane={pane}
      data-testid={testId}
      onKeyDown={onKeyDown}
    >
      {items.map((item, index) => {
        const key = keyOf(item)
        return (
          <div
            key={key}
            id={`${id}-${index}`}
            role="option"
            aria-selected={key === openKey}
            className={`key-row ${index === clamped ? 'cursor' : ''} ${key === openKey ? 'open' : ''}`}
            data-index={index}
            data-testid={rowTestId}
            data-id={key}
            onClick={() => {
              setCursor(index)
              onOpen(item)
            }}
          >
            {renderRow(item)}
          </div>
        )
      })}
    </div>
  )
}
