import { useEffect, useRef, type ReactNode } from 'react'
import { useTranslation } from 'react-i18next'
import type { ChartCell } from '@shared/api/statsOperations'
import type { ChartOption } from '@shared/charts/analyticsCharts'
import { echarts, exportPng, exportSvg, type ECharts } from './echarts'

interface Props {
  /** data-testid suffix: `chart-<id>`. */
  id: string
  title: string
  option: ChartOption | null
  /** Why there is nothing to draw (then no chart, the reason instead). */
  reason?: string | null
  height?: number
  /** A click on a data item that carries a cell. */
  onCell?: (cell: ChartCell, name: string) => void
  /** A click on a point of a series without cells (the scatter): its data index. */
  onIndex?: (index: number) => void
  /** Controls shown in the chart's header (a measure or weights picker). */
  controls?: ReactNode
}

/** One ECharts chart on canvas, with PNG and SVG export and click-through. */
export function EChart({ id, title, option, reason, height = 320, onCell, onIndex, controls }: Props) {
  const { t } = useTranslation()
  const holder = useRef<HTMLDivElement>(null)
  const chart = useRef<ECharts | null>(null)
  const handlers = useRef({ onCell, onIndex })
  handlers.current = { onCell, onIndex }

  const drawn = option !== null && !reason

  useEffect(() => {
    if (!drawn || !holder.current) return
    const instance = echarts.init(holder.current, null, { renderer: 'canvas' })
    chart.current = instance
    instance.on('click', (params) => {
      const data = params.data as { cell?: ChartCell } | null | undefined
      if (data && typeof data === 'object' && 'cell' in data && data.cell) handlers.current.onCell?.(data.cell, String(params.name ?? ''))
      else if (typeof params.dataIndex === 'number' && params.seriesIndex === 0) handlers.current.onIndex?.(params.dataIndex)
    })
    const observer = new ResizeObserver(() => instance.resize())
    observer.observe(holder.current)
    return () => {
      observer.disconnect()
      instance.dispose()
      chart.current = null
    }
  }, [drawn])

  useEffect(() => {
    if (drawn && chart.current && option) chart.current.setOption(option, { notMerge: true })
  }, [drawn, option])

  return (
    <figure className="chart" data-testid={`chart-${id}`} data-drawn={drawn ? 'true' : 'false'}>
      <figcaption className="chart-header">
        <span className="chart-title">{drawn ? '' : title}</span>
        {controls}
        {drawn && (
          <span className="chart-actions">
            <button
              type="button"
              className="link-button"
              data-testid={`chart-${id}-png`}
              onClick={() => chart.current && exportPng(chart.current, title)}
            >
              PNG
            </button>
            <button
              type="button"
              className="link-button"
              data-testid={`chart-${id}-svg`}
              onClick={() => chart.current && option && exportSvg(option, chart.current.getWidth(), chart.current.getHeight(), title)}
            >
              SVG
            </button>
          </span>
        )}
      </figcaption>
      {drawn ? (
        <div ref={holder} className="chart-canvas" style={{ height }} aria-label={title} role="img" />
      ) : (
        <p className="chart-reason" data-testid="undefined-reason" style={{ minHeight: 60 }}>
          {reason ?? t('analytics.loading')}
        </p>
      )}
    </figure>
  )
}
