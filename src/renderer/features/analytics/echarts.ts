import * as echarts from 'echarts/core'
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, TooltipComponent, VisualMapComponent } from 'echarts/components'
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers'
import type { ChartOption } from '@shared/charts/analyticsCharts'
import { downloadUrl } from '../../api'

// Only the parts the dashboard draws: keeps the bundle small (ECharts' tree-shakable core).
echarts.use([
  BarChart,
  CustomChart,
  HeatmapChart,
  LineChart,
  ScatterChart,
  GridComponent,
  LegendComponent,
  TitleComponent,
  TooltipComponent,
  VisualMapComponent,
  CanvasRenderer,
  SVGRenderer,
])

export { echarts }
export type ECharts = echarts.ECharts

/** A file-name-safe stem: letters, digits, dashes. */
export const fileStem = (name: string) => name.replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '').slice(0, 80) || 'chart'

/** Downloads the chart as drawn (canvas) as PNG, at twice its size on a white background. */
export function exportPng(chart: ECharts, name: string): void {
  downloadUrl(chart.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#ffffff' }), `${fileStem(name)}.png`)
}

/** Renders the same option to SVG (ECharts' server-side renderer, here in the browser) and downloads it. */
export function exportSvg(option: ChartOption, width: number, height: number, name: string): void {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    chart.setOption({ ...option, animation: false })
    const svg = chart.renderToSVGString()
    const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }))
    downloadUrl(url, `${fileStem(name)}.svg`)
    setTimeout(() => URL.revokeObjectURL(url), 10_000)
  } finally {
    chart.dispose()
  }
}
