import fs from 'node:fs'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { repoRoot, runCli } from '../../helpers/cli'
import { tempDir } from '../../helpers/tempDir'

const scores = path.join(repoRoot, 'test/fixtures/analytics/scores.jsonl')

function project(): { dir: string; file: string } {
  const dir = tempDir()
  const file = path.join(dir, 'analytics.castor')
  expect(runCli(['init', file]).status).toBe(0)
  const imported = runCli(['import', file, scores, '--json'])
  expect(imported.status, imported.stderr).toBe(0)
  return { dir, file }
}

describe('castor report', () => {
  it('writes a standalone HTML report with the figures, and says where', () => {
    const { dir, file } = project()
    const out = path.join(dir, 'out', 'report.html')
    const result = runCli(['report', file, '--out', out, '--json'])
    expect(result.status, result.stderr).toBe(0)
    const done = JSON.parse(result.stdout.trim().split('\n').pop()!) as { event: string; path: string; bytes: number }
    expect(done).toMatchObject({ event: 'done', path: out })
    const html = fs.readFileSync(out, 'utf8')
    expect(done.bytes).toBe(Buffer.byteLength(html))
    expect(html).toMatch(/^<!doctype html>/)
    expect(html).toContain('Точность ответа')
    expect(html).toContain('judge-analytics')
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;')
    expect(html).not.toMatch(/<script/i)
    expect((html.match(/<svg[\s>]/g) ?? []).length).toBeGreaterThanOrEqual(6)
    expect(fs.readdirSync(path.dirname(out))).toEqual(['report.html']) // no partial file left behind
  })

  it('prints where it wrote the report in text mode', () => {
    const { dir, file } = project()
    const out = path.join(dir, 'report.html')
    const result = runCli(['report', file, '--out', out])
    expect(result.status, result.stderr).toBe(0)
    expect(result.stdout).toContain(`to ${out}`)
  })

  it('refuses a bad --bootstrap and a missing project, writing nothing', () => {
    const { dir, file } = project()
    const out = path.join(dir, 'report.html')
    const bad = runCli(['report', file, '--out', out, '--bootstrap', 'lots'])
    expect(bad.status).not.toBe(0)
    expect(bad.stderr).toMatch(/--bootstrap is lots/)
    const missing = runCli(['report', path.join(dir, 'nope.castor'), '--out', out])
    expect(missing.status).not.toBe(0)
    expect(missing.stderr).toMatch(/No project file/)
    expect(fs.existsSync(out)).toBe(false)
  })
})
