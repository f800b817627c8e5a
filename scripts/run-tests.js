#!/usr/bin/env node
// `npm test` after the build: vitest (unit + integration, against the built CLI), then Playwright (e2e), then one
// summary line from both JSON reports: `tests: N passed, N failed, N skipped`. Exits non-zero if anything failed.
import { spawnSync } from 'node:child_process'
import fs from 'node:fs'
import path from 'node:path'

const root = path.resolve(import.meta.dirname, '..')
const results = path.join(root, 'test-results')
const vitestReport = path.join(results, 'vitest.json')
const playwrightReport = path.join(results, 'playwright.json')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)

/**
 * The tracked files git sees as changed, each with its content hash, so a test that rewrites a tracked file shows
 * even when the file was already modified before the run. Null outside a git checkout (then nothing is checked).
 */
function trackedChanges() {
  const status = spawnSync('git', ['status', '--porcelain=v1', '-z', '--untracked-files=no'], { cwd: root, encoding: 'utf8' })
  if (status.status !== 0) return null
  const files = status.stdout.split('\0').filter(Boolean).map((entry) => entry.slice(3))
  return files
    .map((file) => {
      const hash = spawnSync('git', ['hash-object', '--', file], { cwd: root, encoding: 'utf8' })
      return `${file} ${hash.status === 0 ? hash.stdout.trim() : 'deleted'}`
    })
    .sort()
}

const trackedBefore = trackedChanges()
fs.mkdirSync(results, { recursive: true })
for (const report of [vitestReport, playwrightReport]) fs.rmSync(report, { force: true })

function run(label, command, args, env = {}) {
  console.log(`\n> ${label}: ${[path.basename(command), ...args].join(' ')}`)
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } })
  if (result.error) console.error(`${label} could not start: ${result.error.message}`)
  return result.status ?? 1
}

const vitestExit = run(
  'vitest',
  bin('vitest'),
  ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${path.relative(root, vitestReport)}`],
  { CASTOR_CLI: 'built' },
)
const playwrightExit = run('playwright', bin('playwright'), ['test'])

function readJson(file) {
  try {
    return JSON.parse(fs.readFileSync(file, 'utf8'))
  } catch {
    return null
  }
}

/** Vitest's JSON report is Jest-shaped: counts per outcome; todo tests count as skipped. */
function vitestCounts(report) {
  return {
    passed: report.numPassedTests ?? 0,
    failed: report.numFailedTests ?? 0,
    skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
  }
}

/** Playwright's stats: expected = passed, unexpected = failed, flaky = passed on retry. */
function playwrightCounts(report) {
  const stats = report.stats ?? {}
  const errors = Array.isArray(report.errors) ? report.errors.length : 0 // e.g. a spec file that failed to load
  return { passed: (stats.expected ?? 0) + (stats.flaky ?? 0), failed: (stats.unexpected ?? 0) + errors, skipped: stats.skipped ?? 0 }
}

const totals = { passed: 0, failed: 0, skipped: 0 }
const problems = []
for (const [label, file, count, exit] of [
  ['vitest', vitestReport, vitestCounts, vitestExit],
  ['playwright', playwrightReport, playwrightCounts, playwrightExit],
]) {
  const report = readJson(file)
  if (!report) {
    problems.push(`${label} wrote no report (${path.relative(root, file)}); exit code ${exit}`)
    totals.failed += 1
    continue
  }
  const counts = count(report)
  for (const key of Object.keys(totals)) totals[key] += counts[key]
  if (exit !== 0 && counts.failed === 0) {
    problems.push(`${label} exited with ${exit} although no test failed (see its output above)`)
    totals.failed += 1
  }
}

const trackedAfter = trackedChanges()
if (trackedBefore && trackedAfter) {
  const before = new Set(trackedBefore)
  const rewritten = trackedAfter.filter((entry) => !before.has(entry)).map((entry) => entry.slice(0, entry.lastIndexOf(' ')))
  if (rewritten.length) {
    problems.push(`the tests changed tracked files (tests must never rewrite them): ${rewritten.join(', ')}`)
    totals.failed += 1
  }
}

for (const problem of problems) console.error(problem)
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed, ${totals.skipped} skipped`)
process.exit(totals.failed > 0 ? 1 : 0)
