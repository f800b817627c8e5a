import fs from 'node:fs'
import path from 'node:path'
import type { Db } from '../../db'
import { projectName } from '../../project/projectInfo'
import { readProject, statsOf } from '..'
import { dashboardData, itemTable } from '../dashboard/dashboardData'
import { renderReportHtml } from './htmlReport'

export { renderReportHtml, escapeHtml } from './htmlReport'

export interface WriteReportOptions {
  /** Bootstrap resamples for confidence intervals (0 = none). */
  bootstrap?: number
  /** For tests: a fixed "generated at" time. */
  now?: Date
}

/** Computes the project's statistics and renders the standalone HTML report (no I/O but reading the project). */
export async function buildReportHtml(db: Db, file: string, options: WriteReportOptions = {}): Promise<string> {
  const input = readProject(db)
  const report = await statsOf(input, { bootstrap: options.bootstrap ?? 0 })
  const dashboard = dashboardData(itemTable(input))
  return renderReportHtml({
    report,
    dashboard,
    project: { name: projectName(db, file), file: path.basename(file) },
    generatedAt: (options.now ?? new Date()).toISOString(),
  })
}

/** Writes the report to `out` (through a temporary file, so a failure leaves no half-written page). */
export async function writeReport(db: Db, file: string, out: string, options: WriteReportOptions = {}): Promise<{ path: string; bytes: number }> {
  const html = await buildReportHtml(db, file, options)
  const target = path.resolve(out)
  fs.mkdirSync(path.dirname(target), { recursive: true })
  const partial = `${target}.${process.pid}.partial`
  fs.writeFileSync(partial, html)
  fs.renameSync(partial, target)
  return { path: target, bytes: Buffer.byteLength(html) }
}
