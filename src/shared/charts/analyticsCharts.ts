/**
 * ECharts options of the analytics charts, built from plain data: the dashboard draws them on canvas and
 * `castor report` renders the same options to SVG in Node. No imports: an option is a plain object (the only
 * functions are formatters and the CI bars' renderItem, which ECharts calls in both places).
 *
 * A data item that stands for a set of items carries `cell` (a ChartCell of statsOperations.ts, kept untyped here),
 * so a click lists exactly the items the chart counted.
 */

export type ChartOption = Record<string, unknown>

/** A figure that may be undefined: `value` null with `reason`, and an optional confidence interval. */
export interface FigureValue {
  value: number | null
  reason?: string | null
  lo?: number | null
  hi?: number | null
}

export interface AgreementBar {
  label: string
  figure: FigureValue
  cell?: unknown
}

export interface MatrixData {
  rows: string[]
  cols: string[]
  /** values[row][col]; null = undefined. */
  values: (number | null)[][]
  cells?: unknown[][]
}

const PALETTE = ['#3b6fb6', '#d9822b', '#4a9a5b', '#b5484b', '#7d5ba6', '#8c6d46', '#c75f9d', '#6f7b86']
const base = (title: string): ChartOption => ({
  animation: false,
  color: PALETTE,
  title: { text: title, left: 'center', textStyle: { fontSize: 14, fontWeight: 'bold' } },
  tooltip: { confine: true },
})

/** Tooltips are HTML: untrusted names go in escaped. */
const escapeText = (text: string) => text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!)

/** Three decimals, or an em dash for an undefined figure. */
export const formatFigure = (value: number | null | undefined, digits = 3): string =>
  value === null || value === undefined || !Number.isFinite(value) ? '—' : value.toFixed(digits)

const shorten = (label: string, max = 18) => (label.length > max ? `${label.slice(0, max - 1)}…` : label)

/** Agreement (or any bounded figure) per category, with confidence-interval whiskers where known. */
export function agreementChart(title: string, bars: AgreementBar[], axis: { min?: number; max?: number } = {}): ChartOption {
  const labels = bars.map((bar) => bar.label)
  return {
    ...base(title),
    // An undefined figure says why on hover (the tables beside the chart say it too).
    tooltip: {
      confine: true,
      trigger: 'item',
      formatter: (p: { name: string; seriesType: string; data: { value: number | null; reason?: string | null } }) => {
        if (p.seriesType !== 'bar') return ''
        const bar = bars.find((candidate) => candidate.label === p.name)
        const ci = bar?.figure.lo != null && bar.figure.hi != null ? ` [${formatFigure(bar.figure.lo)}, ${formatFigure(bar.figure.hi)}]` : ''
        const text = p.data.value === null ? `— (${p.data.reason ?? 'undefined'})` : `${formatFigure(p.data.value)}${ci}`
        return `${escapeText(p.name)}: ${escapeText(text)}`
      },
    },
    grid: { left: 48, right: 16, top: 40, bottom: 96 },
    xAxis: { type: 'category', data: labels, axisLabel: { rotate: 35, interval: 0, formatter: (label: string) => shorten(label) } },
    yAxis: { type: 'value', min: axis.min, max: axis.max },
    series: [
      {
        type: 'bar',
        name: title,
        barMaxWidth: 36,
        data: bars.map((bar) => ({ value: bar.figure.value, cell: bar.cell, reason: bar.figure.reason ?? null })),
        label: { show: true, position: 'top', fontSize: 10, formatter: (p: { value: number | null }) => formatFigure(p.value, 2) },
      },
      {
        type: 'custom',
        name: 'CI',
        silent: true,
        z: 10,
        data: bars.map((bar, index) =>
          bar.figure.lo === null || bar.figure.lo === undefined || bar.figure.hi === null || bar.figure.hi === undefined
            ? [index, null, null]
            : [index, bar.figure.lo, bar.figure.hi],
        ),
        renderItem: ciBars,
      },
    ],
  }
}

interface CustomApi {
  value(dimension: number): number | null
  coord(point: [number, number]): [number, number]
  size(point: [number, number]): [number, number]
}

/** A vertical whisker from lo to hi with caps (ECharts custom series). */
function ciBars(_params: unknown, api: CustomApi): unknown {
  const lo = api.value(1)
  const hi = api.value(2)
  if (lo === null || hi === null || !Number.isFinite(lo) || !Number.isFinite(hi)) return null
  const x = api.value(0) ?? 0
  const [cx, top] = api.coord([x, hi])
  const [, bottom] = api.coord([x, lo])
  const cap = Math.max(3, api.size([1, 0])[0] * 0.12)
  const style = { stroke: '#222', lineWidth: 1.5 }
  return {
    type: 'group',
    children: [
      { type: 'line', shape: { x1: cx, y1: top, x2: cx, y2: bottom }, style },
      { type: 'line', shape: { x1: cx - cap, y1: top, x2: cx + cap, y2: top }, style },
      { type: 'line', shape: { x1: cx - cap, y1: bottom, x2: cx + cap, y2: bottom }, style },
    ],
  }
}

/** A labelled heatmap (κ matrix, confusion matrix); undefined cells are left blank and labelled with a dash. */
export function heatmapChart(
  title: string,
  matrix: MatrixData,
  options: { min: number; max: number; xName?: string; yName?: string; digits?: number },
): ChartOption {
  const data: unknown[] = []
  matrix.rows.forEach((_row, y) =>
    matrix.cols.forEach((_col, x) => {
      const value = matrix.values[y]?.[x] ?? null
      data.push({ value: [x, y, value ?? '-'], cell: matrix.cells?.[y]?.[x] })
    }),
  )
  const digits = options.digits ?? 2
  return {
    ...base(title),
    grid: { left: 110, right: 24, top: 40, bottom: 90 },
    xAxis: { type: 'category', data: matrix.cols, name: options.xName, nameLocation: 'middle', nameGap: 60, axisLabel: { rotate: 30, interval: 0, formatter: (l: string) => shorten(l, 14) } },
    yAxis: { type: 'category', data: matrix.rows, name: options.yName, nameLocation: 'end', inverse: true, axisLabel: { interval: 0, formatter: (l: string) => shorten(l, 14) } },
    visualMap: {
      min: options.min,
      max: options.max,
      calculable: false,
      orient: 'horizontal',
      left: 'center',
      bottom: 0,
      itemHeight: 120,
      inRange: { color: ['#f7fbff', '#9ecae1', '#2166ac'] },
    },
    series: [
      {
        type: 'heatmap',
        name: title,
        data,
        label: {
          show: true,
          formatter: (p: { value: [number, number, number | string] }) => (typeof p.value[2] === 'number' ? formatFigure(p.value[2], digits) : '—'),
        },
        emphasis: { itemStyle: { borderColor: '#222', borderWidth: 1 } },
      },
    ],
  }
}

/** A deterministic jitter in [-0.5, 0.5) from an item id, so overlapping discrete scores spread out the same way every time. */
export function jitter(id: number, salt: number): number {
  // murmur3's finalizer over (id, salt): neighbouring ids and the two salts give unrelated values.
  let h = (Math.imul(id, 0x9e3779b1) + Math.imul(salt, 0x632be5ab)) >>> 0
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return (h >>> 0) / 4294967296 - 0.5
}

/** Judge score against expert mean, one point per item (large mode: 100,000 points stay smooth). */
export function scatterChart(title: string, points: { itemIds: number[]; expert: number[]; judge: number[] }, names: { x: string; y: string }): ChartOption {
  const n = points.itemIds.length
  const data: [number, number][] = new Array(n)
  let min = Infinity
  let max = -Infinity
  for (let i = 0; i < n; i++) {
    data[i] = [points.expert[i] + jitter(points.itemIds[i], 1) * 0.18, points.judge[i] + jitter(points.itemIds[i], 2) * 0.18]
    min = Math.min(min, points.expert[i], points.judge[i])
    max = Math.max(max, points.expert[i], points.judge[i])
  }
  if (!Number.isFinite(min)) {
    min = 0
    max = 1
  }
  return {
    ...base(title),
    ...scatterAxes(names, min, max),
    series: [
      {
        type: 'scatter',
        name: title,
        large: n > 2000,
        largeThreshold: 2000,
        symbolSize: n > 2000 ? 3 : 7,
        itemStyle: { opacity: n > 2000 ? 0.35 : 0.7 },
        data,
      },
      {
        type: 'line',
        name: 'y = x',
        silent: true,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#999' },
        data: [
          [min - 0.5, min - 0.5],
          [max + 0.5, max + 0.5],
        ],
      },
    ],
  }
}

/** Models side by side: the experts' mean and each judge's mean, grouped bars. */
export function rankingChart(title: string, models: string[], series: { name: string; values: (number | null)[]; cells?: unknown[] }[]): ChartOption {
  return {
    ...base(title),
    legend: { top: 26, type: 'scroll' },
    grid: { left: 56, right: 16, top: 64, bottom: 80 },
    xAxis: { type: 'category', data: models, axisLabel: { rotate: 25, interval: 0, formatter: (l: string) => shorten(l) } },
    yAxis: { type: 'value' },
    series: series.map((entry) => ({
      type: 'bar',
      name: entry.name,
      barMaxWidth: 28,
      data: entry.values.map((value, index) => ({ value, cell: entry.cells?.[index] })),
      label: { show: models.length * series.length <= 24, position: 'top', fontSize: 9, formatter: (p: { value: number | null }) => formatFigure(p.value, 2) },
    })),
  }
}

/** Stacked bars: how often each score was given per model. */
export function distributionChart(title: string, scores: number[], rows: { model: string; counts: number[]; cells?: unknown[] }[]): ChartOption {
  return {
    ...base(title),
    legend: { top: 26, type: 'scroll' },
    grid: { left: 56, right: 16, top: 64, bottom: 80 },
    xAxis: { type: 'category', data: rows.map((row) => row.model), axisLabel: { rotate: 25, interval: 0, formatter: (l: string) => shorten(l) } },
    yAxis: { type: 'value', minInterval: 1 },
    series: scores.map((score, s) => ({
      type: 'bar',
      name: String(score),
      stack: 'scores',
      barMaxWidth: 40,
      data: rows.map((row) => ({ value: row.counts[s], cell: row.cells?.[s] })),
    })),
  }
}

/** A histogram of time per item. */
export function timeChart(title: string, buckets: { label: string; count: number; cell?: unknown }[], yName: string): ChartOption {
  return {
    ...base(title),
    grid: { left: 56, right: 16, top: 40, bottom: 48 },
    xAxis: { type: 'category', data: buckets.map((bucket) => bucket.label) },
    yAxis: { type: 'value', name: yName, minInterval: 1 },
    series: [
      {
        type: 'bar',
        name: title,
        barMaxWidth: 48,
        data: buckets.map((bucket) => ({ value: bucket.count, cell: bucket.cell })),
        label: { show: true, position: 'top', fontSize: 10 },
      },
    ],
  }
}

/** "10–30 s", "2–5 min", "≥ 30 min". */
export function timeBucketLabel(fromMs: number, toMs: number, units: { s: string; min: string }): string {
  const part = (ms: number) => (ms < 60_000 ? `${ms / 1000}` : `${ms / 60_000}`)
  const unit = (ms: number) => (ms < 60_000 ? units.s : units.min)
  if (toMs >= Number.MAX_SAFE_INTEGER) return `≥ ${part(fromMs)} ${unit(fromMs)}`
  return unit(fromMs) === unit(toMs) || fromMs === 0 ? `${part(fromMs)}–${part(toMs)} ${unit(toMs)}` : `${part(fromMs)} ${unit(fromMs)}–${part(toMs)} ${unit(toMs)}`
}

/** Square value axes for a judge-vs-expert scatter, with half a score of margin around the data. */
function scatterAxes(names: { x: string; y: string }, min: number, max: number) {
  return {
    grid: { left: 56, right: 24, top: 40, bottom: 48 },
    xAxis: { type: 'value', name: names.x, nameLocation: 'middle', nameGap: 28, min: min - 0.5, max: max + 0.5 },
    yAxis: { type: 'value', name: names.y, nameLocation: 'middle', nameGap: 36, min: min - 0.5, max: max + 0.5 },
  } as const
}

/** Judge score against expert mean aggregated to distinct points, the bubble area proportional to the count. */
export function countScatterChart(title: string, points: { x: number; y: number; count: number }[], names: { x: string; y: string }): ChartOption {
  const values = points.flatMap((point) => [point.x, point.y])
  const min = values.length ? Math.min(...values) : 0
  const max = values.length ? Math.max(...values) : 1
  const most = Math.max(1, ...points.map((point) => point.count))
  return {
    ...base(title),
    ...scatterAxes(names, min, max),
    series: [
      {
        type: 'scatter',
        name: title,
        data: points.map((point) => ({ value: [point.x, point.y, point.count], symbolSize: 6 + 30 * Math.sqrt(point.count / most) })),
        itemStyle: { opacity: 0.6 },
        label: { show: points.length <= 40, formatter: (p: { value: number[] }) => String(p.value[2]), fontSize: 9 },
      },
      {
        type: 'line',
        name: 'y = x',
        silent: true,
        symbol: 'none',
        lineStyle: { type: 'dashed', color: '#999' },
        data: [
          [min - 0.5, min - 0.5],
          [max + 0.5, max + 0.5],
        ],
      },
    ],
  }
}
