import { execFile, execFileSync } from 'node:child_process'
import { promisify } from 'node:util'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { test, expect } from './support/fixtures'
import { repoRoot, startCastorServer, type CastorServer } from './support/castorServer'
import { feedbackReply, startFakeOpenAi } from '../helpers/fakeOpenAi'
import { ProjectPage } from './pages/ProjectPage'
import { TeamPage } from './pages/TeamPage'

const cli = path.join(repoRoot, 'out/main/cli.js')
test.use({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })

type Score = number | 'na'
/** Six items, two experts each: [model, criterion, Анна, Борис, final?]. */
const ITEMS: [string, string, Score, Score, number?][] = [
  ['M1', 'c1', 'na', 1], // N/A beside a score: today's "range 0"; a disagreement
  ['M1', 'c1', 1, 2], // range 1
  ['M2', 'c1', 0, 2], // range 2
  ['M2', 'c2', 1, 1], // unanimous
  ['M1', 'c2', 'na', 'na'], // unanimous N/A
  ['M2', 'c2', 0, 1, 1], // decided already
]

function project(): { projectPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-adj-e2e-'))
  const projectPath = path.join(dir, 'adj.castor')
  const rows = ITEMS.flatMap(([model, criterion, anna, boris, final], index) => {
    const base = {
      instruction_id: `q${index}`,
      instruction: `Вопрос ${index}: **сколько** будет 2 + 2?`,
      model,
      answer: `ANSWER-${index} <img src=x onerror="window.__xss = 1">`,
      criterion,
      criterion_name: criterion === 'c1' ? 'Точность' : 'Полнота',
      rubric: { '0': 'плохо', '1': 'средне', '2': 'хорошо' },
      ...(final === undefined ? {} : { final_status: 'scored', final_score: final }),
    }
    const row = (annotator: string, score: Score) =>
      score === 'na' ? { ...base, annotator, status: 'not_applicable', score: null, rationale: `${annotator}: N/A` } : { ...base, annotator, score, rationale: `${annotator}: ${score}` }
    return [row('Анна', anna), row('Борис', boris)]
  })
  const input = path.join(dir, 'rows.jsonl')
  fs.writeFileSync(input, rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
  execFileSync(process.execPath, [cli, 'init', projectPath], { cwd: repoRoot })
  execFileSync(process.execPath, [cli, 'import', projectPath, input, '--format', 'generic-jsonl'], { cwd: repoRoot })
  return { projectPath }
}

async function ownerCall(server: CastorServer, name: string, input: unknown = {}): Promise<any> {
  const response = await fetch(`${server.origin}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const body = (await response.json()) as { ok: boolean; result: unknown }
  expect(body.ok, JSON.stringify(body)).toBe(true)
  return body.result
}

test.describe('adjudication with the whole picture', () => {
  test('filters the queue (N/A as its own value), opens an item, asks the judge on demand, decides with the keyboard, marks a control', async ({ page }) => {
    test.setTimeout(180_000)
    const { projectPath } = project()
    const judge = await startFakeOpenAi((request) => feedbackReply(2, `ON-DEMAND-${request.index}`, { '0': 0.1, '1': 0.2, '2': 0.7 }))
    // One judge run against the fake server sets the project's judge settings (as the Judge tab would); run
    // asynchronously, since the fake server answers from this process.
    await promisify(execFile)(process.execPath, [cli, 'judge', projectPath, '--name', 'fake-run', '--endpoint', `${judge.url}/v1`, '--api-model', 'fake-judge', '--limit', '1'], { cwd: repoRoot })
    const server = await startCastorServer({ projectPath })
    try {
      await page.goto(server.url)
      const team = new TeamPage(page)
      await team.open()
      await team.section('adjudication')
      const rows = page.getByTestId('adjudication-open')
      const values = async () => (await rows.evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-values')))).sort()

      // Default: items that need a decision; the N/A-beside-1 item is one of them.
      await expect(rows).toHaveCount(3)
      expect(await values()).toEqual(['0, 2', '1, 2', 'na, 1'])
      const range = page.getByTestId('adjudication-filter-range')
      await range.selectOption('na')
      await expect(rows).toHaveCount(1)
      expect(await values()).toEqual(['na, 1'])
      await range.selectOption('2')
      await expect(rows).toHaveCount(1)
      expect(await values()).toEqual(['0, 2'])
      await range.selectOption('1')
      await expect(rows).toHaveCount(2)
      await range.selectOption('all')
      await expect(rows).toHaveCount(5) // unanimous ones too, but not the decided one
      await page.getByTestId('adjudication-filter-unresolved').uncheck()
      await expect(rows).toHaveCount(6)
      expect(await values()).toEqual(['0, 1', '0, 2', '1', '1, 2', 'na', 'na, 1'])
      await page.getByTestId('adjudication-filter-criterion').selectOption({ label: 'Полнота' })
      await expect(rows).toHaveCount(3)
      await page.getByTestId('adjudication-filter-model').fill('M2')
      await expect(rows).toHaveCount(2)
      expect(await values()).toEqual(['0, 1', '1'])

      // Back to the default filters; the most disputed item first.
      await page.getByTestId('adjudication-filter-model').fill('')
      await page.getByTestId('adjudication-filter-criterion').selectOption('')
      await page.getByTestId('adjudication-filter-unresolved').check()
      await range.selectOption('disagree')
      await expect(rows).toHaveCount(3)
      await rows.first().click()
      const detail = page.getByTestId('adjudication-detail')
      await expect(detail).toContainText('ANSWER-2')
      await expect(detail.getByTestId('adjudication-expert')).toHaveCount(2)
      await expect(detail).toContainText('Анна: 0')
      await expect(detail).toContainText('хорошо')
      expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined()

      // MACE's posterior (the analytics worker's pooled fit), as the API gives it.
      const mace = detail.getByTestId('adjudication-mace')
      const opened = await ownerCall(server, 'adjudication-queue', { limit: 50 })
      const { mace: posterior } = await ownerCall(server, 'adjudication-item', { itemId: opened.rows[0].itemId })
      expect(posterior?.label === 0 || posterior?.label === 2, JSON.stringify(posterior)).toBe(true)
      await expect(mace).toContainText(`апостериорная метка ${posterior.label}`)
      await expect(mace).toContainText(`${posterior.label}: `)
      // four items with two applicable scores, two experts: the panel says the fit is too small to trust
      expect(posterior.fit).toEqual({ items: 4, experts: 2, weak: true })
      await expect(detail.getByTestId('adjudication-mace-weak')).toContainText('Оценено по 4 заданиям')

      // The judge, now, with the project's judge settings: shown beside the experts.
      const before = judge.requests.length
      await detail.getByTestId('adjudication-ask-judge').click()
      const now = detail.getByTestId('adjudication-judge-now')
      await expect(now).toContainText(`ON-DEMAND-${before}`)
      await expect(now.getByTestId('adjudication-judge-probabilities')).toContainText('0,7')
      expect(judge.requests.length).toBe(before + 1)
      expect(judge.requests[before].prompt).toContain('ANSWER-2')
      await page.screenshot({ path: test.info().outputPath('team-adjudication-detail.png') })

      // Keyboard: 2 = score 2, Enter saves and opens the next row.
      await page.locator('body').click({ position: { x: 5, y: 5 } })
      await page.keyboard.press('2')
      await expect(detail.getByTestId('adjudication-score')).toHaveValue('2')
      await page.keyboard.press('Enter')
      await expect(detail).toContainText('ANSWER-1')
      await expect(rows.first().getByTestId('adjudication-final')).toBeVisible()
      const decided = await ownerCall(server, 'adjudication-queue', { unresolvedOnly: false, range: 'all', limit: 50 })
      expect(decided.rows.find((row: { preview: string }) => row.preview.startsWith('Вопрос 2'))?.final).toMatchObject({ score: 2 })

      // Back up, make the decided item a control from its final score.
      await page.keyboard.press('ArrowUp')
      await expect(detail).toContainText('ANSWER-2')
      await detail.getByTestId('adjudication-mark-control').click()
      await expect(detail.getByTestId('adjudication-control')).toBeVisible()
      const controls = await ownerCall(server, 'controls-list', {})
      expect(controls.rows).toMatchObject([{ score: 2, source: 'adjudication', model: 'M2' }])
      await team.section('controls')
      await expect(page.getByTestId('controls-row')).toHaveCount(1)
      await page.screenshot({ path: test.info().outputPath('team-controls.png') })

      // Browse (lead-only) says which item is a control; an ordinary item has no badge.
      const browse = new ProjectPage(page)
      await browse.openTab('browse')
      await browse.clickInstruction('q2')
      await browse.clickAnswer('M2')
      await expect(browse.criterionRows.getByTestId('control-badge')).toHaveText('контрольное')
      await browse.clickCriterion(0)
      await expect(browse.itemPanel.getByTestId('control-badge')).toHaveAttribute('title', 'контрольное: эталон 2')
      await browse.clickInstruction('q1')
      await browse.clickAnswer('M1')
      await expect(browse.criterionRows).toHaveCount(1)
      await expect(page.getByTestId('control-badge')).toHaveCount(0)
    } finally {
      await server.stop()
      await judge.close()
    }
  })
})
