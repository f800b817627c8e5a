import { describe, expect, it } from 'vitest'
import { agreementChart, formatFigure, heatmapChart, jitter, scatterChart, timeBucketLabel } from '../../../../src/shared/charts/analyticsCharts'

type Series = { type: string; data: unknown[] }

describe('analytics chart options', () => {
  it('formats undefined figures as a dash, never NaN', () => {
    expect(formatFigure(null)).toBe('—')
    expect(formatFigure(Number.NaN)).toBe('—')
    expect(formatFigure(0.12345)).toBe('0.123')
  })

  it('puts a cell on every bar and a CI whisker only where an interval is known', () => {
    const option = agreementChart('α', [
      { label: 'a', figure: { value: 0.5, lo: 0.4, hi: 0.6 }, cell: { kind: 'criterion', criterion: 'a' } },
      { label: 'b', figure: { value: null, reason: 'constant' }, cell: { kind: 'criterion', criterion: 'b' } },
    ])
    const [bars, whiskers] = option.series as Series[]
    expect(bars.data).toEqual([
      { value: 0.5, cell: { kind: 'criterion', criterion: 'a' }, reason: null },
      { value: null, cell: { kind: 'criterion', criterion: 'b' }, reason: 'constant' },
    ])
    expect(whiskers.type).toBe('custom')
    expect(whiskers.data).toEqual([
      [0, 0.4, 0.6],
      [1, null, null],
    ])
  })

  it('says in the tooltip why a bar is missing, with the name escaped', () => {
    const option = agreementChart('α', [{ label: '<b>x</b>', figure: { value: null, reason: 'all scores are the same' } }])
    const formatter = (option.tooltip as { formatter: (p: unknown) => string }).formatter
    expect(formatter({ name: '<b>x</b>', seriesType: 'bar', data: { value: null, reason: 'all scores are the same' } })).toBe(
      '&lt;b&gt;x&lt;/b&gt;: — (all scores are the same)',
    )
  })

  it('leaves undefined heatmap cells blank and keeps the cell of each', () => {
    const option = heatmapChart('κ', { rows: ['A', 'B'], cols: ['A', 'B'], values: [[null, 0.5], [0.5, null]], cells: [[undefined, 'ab'], ['ab', undefined]] }, { min: -1, max: 1 })
    const [series] = option.series as Series[]
    expect(series.data).toEqual([
      { value: [0, 0, '-'], cell: undefined },
      { value: [1, 0, 0.5], cell: 'ab' },
      { value: [0, 1, 0.5], cell: 'ab' },
      { value: [1, 1, '-'], cell: undefined },
    ])
  })

  it('jitters scatter points the same way every time, within ±0.09 of the score', () => {
    expect(jitter(42, 1)).toBe(jitter(42, 1))
    expect(jitter(42, 1)).not.toBe(jitter(42, 2))
    const option = scatterChart('s', { itemIds: [1, 2, 3], expert: [0, 1, 2], judge: [2, 1, 0] }, { x: 'x', y: 'y' })
    const data = (option.series as Series[])[0].data as [number, number][]
    expect(data).toHaveLength(3)
    const expected = [
      [0, 2],
      [1, 1],
      [2, 0],
    ]
    data.forEach(([x, y], i) => {
      expect(Math.abs(x - expected[i][0])).toBeLessThanOrEqual(0.09)
      expect(Math.abs(y - expected[i][1])).toBeLessThanOrEqual(0.09)
    })
  })

  it('labels time buckets', () => {
    const units = { s: 's', min: 'min' }
    expect(timeBucketLabel(0, 10_000, units)).toBe('0–10 s')
    expect(timeBucketLabel(30_000, 60_000, units)).toBe('30 s–1 min')
    expect(timeBucketLabel(120_000, 300_000, units)).toBe('2–5 min')
    expect(timeBucketLabel(1_800_000, Number.MAX_SAFE_INTEGER, units)).toBe('≥ 30 min')
  })
})
