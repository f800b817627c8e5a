import * as echarts from 'echarts/core'
import { BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart } from 'echarts/charts'
import { GridComponent, LegendComponent, TitleComponent, VisualMapComponent } from 'echarts/components'
import { SVGRenderer } from 'echarts/renderers'
import type { ChartOption } from '@shared/charts/analyticsCharts'

echarts.use([BarChart, CustomChart, HeatmapChart, LineChart, ScatterChart, GridComponent, LegendComponent, TitleComponent, VisualMapComponent, SVGRenderer])

/**
 * Renders a chart option to an SVG string in Node (ECharts' server-side renderer): no DOM, no network; ECharts
 * escapes every text it writes.
 */
export function renderSvg(option: ChartOption, width = 720, height = 360): string {
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height })
  try {
    // Tooltips need a DOM; the report is static.
    const { tooltip: _tooltip, ...still } = option
    chart.setOption({ ...still, animation: false })
    return chart.renderToSVGString()
  } finally {
    chart.dispose()
  }
}
