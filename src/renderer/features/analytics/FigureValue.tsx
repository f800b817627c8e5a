import { useTranslation } from 'react-i18next'
import type { Stat } from '@shared/api/statsModels'
import { formatFigure } from '@shared/charts/analyticsCharts'

/**
 * The footnotes of one table: each distinct reason (or warning) gets one number; cells show the number and the
 * table lists each text once below (FootnoteList). Mark while building the rows, in the table's own render.
 */
export class Footnotes {
  readonly texts: string[] = []
  constructor(private readonly undefinedText: string) {}
  /** The note number of a figure's reason (undefined) or warning, or undefined when it needs none. */
  of(stat: Stat | null | undefined): number | undefined {
    const text = !stat ? undefined : stat.value === null ? (stat.reason ?? this.undefinedText) : stat.warning
    if (text === undefined) return undefined
    let n = this.texts.indexOf(text)
    if (n < 0) n = this.texts.push(text) - 1
    return n + 1
  }
}

export function FootnoteList({ notes, testId }: { notes: Footnotes; testId: string }) {
  if (notes.texts.length === 0) return null
  return (
    <ol className="stat-notes" data-testid={testId}>
      {notes.texts.map((text) => (
        <li key={text}>{text}</li>
      ))}
    </ol>
  )
}

/**
 * A coefficient: its value (and CI), or a dash and the reason it is undefined — never NaN. With `note` (a table's
 * Footnotes number) the cell shows the marker and the table says the reason once.
 */
export function StatValue({ stat, digits = 3, note }: { stat: Stat | null | undefined; digits?: number; note?: number }) {
  const { t } = useTranslation()
  if (!stat) return <span className="stat stat-undefined">—</span>
  const marker = note === undefined ? null : <sup className="stat-note" data-testid="stat-note">{note}</sup>
  if (stat.value === null) {
    const reason = stat.reason ?? t('analytics.undefined')
    return (
      <span className="stat stat-undefined" data-undefined="true" title={reason}>
        —{marker ?? <> <span className="stat-reason" data-testid="undefined-reason">{reason}</span></>}
      </span>
    )
  }
  return (
    <span className="stat" data-value={stat.value} title={stat.warning}>
      {formatFigure(stat.value, digits)}
      {marker ?? (stat.warning ? <sup className="stat-note" title={stat.warning}>!</sup> : null)}
      {stat.ci && (
        <span className="stat-ci">
          {' '}
          [{formatFigure(stat.ci[0], digits)}, {formatFigure(stat.ci[1], digits)}]
        </span>
      )}
    </span>
  )
}

/** A labelled figure of the summary row. */
export function FigureCard({ id, label, stat }: { id: string; label: string; stat: Stat | null | undefined }) {
  return (
    <div className="figure-card" data-testid={`figure-${id}`} data-undefined={stat?.value === null ? 'true' : 'false'}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">
        <StatValue stat={stat} />
      </div>
    </div>
  )
}

/** A count as a figure card. */
export function CountCard({ id, label, value }: { id: string; label: string; value: number }) {
  return (
    <div className="figure-card" data-testid={`figure-${id}`}>
      <div className="figure-label">{label}</div>
      <div className="figure-value">{value}</div>
    </div>
  )
}
