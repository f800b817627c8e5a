import { execFileSync } from 'node:child_process'
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import type { Browser } from '@playwright/test'
import Database from 'better-sqlite3'
import { test, expect } from './support/fixtures'
import { repoRoot, startCastorServer, type CastorServer } from './support/castorServer'
import { docScreenshot } from './support/docScreenshot'
import { AnnotatePage } from './pages/AnnotatePage'
import { TeamPage } from './pages/TeamPage'

const cli = path.join(repoRoot, 'out/main/cli.js')

test.use({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })

/** Markers that must not reach annotator A before A submits the item they belong to. */
const judgeMarker = (criterion: string) => `JUDGE-RATIONALE-${criterion}-7f3a`
const B_MARKER = 'B-RATIONALE-c1-91e2'
const CRITERIA = ['c1', 'c2', 'c3']

const HOSTILE_ANSWER = [
  'Ответ с **разметкой** и попытками внедрения.',
  '',
  '<img src=x onerror="window.__xss = \'img\'">',
  '',
  '<script>window.__xss = "script"</script>',
  '',
  '| a | b |',
  '| --- | --- |',
  '| 1 | 2 |',
  '',
  '```js',
  'const answer = 42',
  '```',
  '',
  '![remote](http://127.0.0.1:9/remote.png)',
].join('\n')

/**
 * A project of one answer with three criteria (0–2 scales) and a judge's score with a marked rationale for each,
 * made through the CLI like a user would: `castor init` + `castor import` of generic JSONL.
 */
function smallProject(): { dir: string; projectPath: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'castor-wb-e2e-'))
  const projectPath = path.join(dir, 'wb.castor')
  const rows = CRITERIA.flatMap((criterion, index) => {
    const base = {
      instruction_id: 'wb-1',
      instruction: 'Опиши, как устроена таблица в markdown.',
      reference_answer: 'Строки через |, заголовок отделён строкой из ---.',
      model: 'Model-X',
      answer: HOSTILE_ANSWER,
      criterion,
      criterion_name: `Критерий ${index + 1}`,
      rubric: { '0': `Плохо (${criterion})`, '1': `Средне (${criterion})`, '2': `Хорошо (${criterion})` },
    }
    return [base, { ...base, judge: 'judge-run', score: 1, rationale: judgeMarker(criterion) }]
  })
  const input = path.join(dir, 'rows.jsonl')
  fs.writeFileSync(input, rows.map((row) => JSON.stringify(row)).join('\n') + '\n')
  execFileSync(process.execPath, [cli, 'init', projectPath], { cwd: repoRoot })
  execFileSync(process.execPath, [cli, 'import', projectPath, input, '--format', 'generic-jsonl'], { cwd: repoRoot })
  // Imports carry no score distribution; a judge run would store one like this.
  const db = new Database(projectPath)
  db.prepare(`UPDATE judgments SET score_probabilities = '{"0":0.1,"1":0.7,"2":0.2}'`).run()
  db.close()
  return { dir, projectPath }
}

/** Calls an operation of `castor serve` as a script would: Bearer token, JSON envelope. */
async function callApi(server: CastorServer, token: string, name: string, input: unknown = {}): Promise<{ status: number; body: any }> {
  const response = await fetch(`${server.origin}/api/${name}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(input),
  })
  const text = await response.text()
  let body: unknown = text
  try {
    body = JSON.parse(text)
  } catch {
    // not JSON: keep the text
  }
  return { status: response.status, body }
}

async function ownerCall(server: CastorServer, name: string, input: unknown = {}): Promise<any> {
  const { status, body } = await callApi(server, server.token, name, input)
  expect(status, JSON.stringify(body)).toBe(200)
  expect(body.ok, JSON.stringify(body)).toBe(true)
  return body.result
}

async function addAnnotator(server: CastorServer, name: string, language: 'ru' | 'en' | null = null): Promise<{ id: number; url: string; token: string }> {
  const { annotator, link } = await ownerCall(server, 'annotator-add', { name, language })
  return { id: annotator.id, url: new URL(link.path, server.origin).toString(), token: link.token }
}

async function annotatorPage(browser: Browser, options: { locale?: string; height?: number } = {}) {
  const context = await browser.newContext({ locale: options.locale ?? 'ru-RU', viewport: { width: 1600, height: options.height ?? 960 } })
  const annotate = new AnnotatePage(await context.newPage())
  annotate.captureApi()
  return { context, annotate }
}

test.describe('annotation workbench over castor serve', () => {
  test('two annotators score the same answer blind, see each other after submit, keep drafts, lose access when revoked', async ({ browser, page }) => {
    test.setTimeout(240_000)
    const project = smallProject()
    const server = await startCastorServer({ projectPath: project.projectPath })
    try {
      // The owner adds Алиса through the team screen and copies her link; Борис is added through the API.
      await page.goto(server.url)
      const team = new TeamPage(page)
      await team.open()
      const aliceUrl = await team.add('Алиса', { language: 'ru' })
      expect(new URL(aliceUrl).origin).toBe(server.origin)
      const boris = await addAnnotator(server, 'Борис')

      const a = await annotatorPage(browser)
      const b = await annotatorPage(browser)
      await a.annotate.open(aliceUrl)
      await b.annotate.open(boris.url)

      // Annotators see only their own screen.
      await expect(a.annotate.tabs).toHaveCount(1)
      await expect(a.annotate.page.getByTestId('tab-annotate')).toBeVisible()
      await expect(a.annotate.page.getByTestId('import-button')).toHaveCount(0)

      await a.annotate.takeNext()
      await b.annotate.takeNext()
      // Both hold the same answer: overlap 2 on a project of one answer.
      const aResponse = await a.annotate.queueRows.first().getAttribute('data-response-id')
      await expect(b.annotate.queueRows.first()).toHaveAttribute('data-response-id', aResponse!)
      await expect(a.annotate.shortcuts).toContainText('Ctrl+Enter')

      // A third annotator gets nothing: every answer already has its k = 2 annotators.
      const carol = await addAnnotator(server, 'Карина')
      const third = await callApi(server, carol.token, 'work-next')
      expect(third.status).toBe(200)
      expect(third.body.result.item).toBeNull()
      expect(third.body.result.reason).toBe('none-left')
      const progress = await ownerCall(server, 'progress-get')
      expect(progress.overall.assigned).toBe(2)

      // Борис scores criterion 1 with the mouse and submits; the judge's score is revealed to him.
      await b.annotate.level(2).click()
      await b.annotate.rationale.fill(B_MARKER)
      await b.annotate.submit.click()
      await expect(b.annotate.status).toHaveText('Отправлено')
      await expect(b.annotate.revealJudges).toHaveCount(1)
      await expect(b.annotate.revealJudges.first()).toContainText(judgeMarker('c1'))
      await expect(b.annotate.revealJudges.first().getByTestId('reveal-judge-probabilities')).toContainText('70.0%')

      // Алиса reloads (fresh payloads after Борис submitted): nothing of his or the judge's reaches her browser.
      await a.annotate.page.reload()
      await expect(a.annotate.criterionName).toBeVisible()
      await expect(a.annotate.revealHidden).toBeVisible()
      await a.annotate.expectPosition(1, 3)
      await expect.poll(() => a.annotate.apiBodies.filter((entry) => /work-get|reveal-get/.test(entry.url)).length).toBeGreaterThan(0)
      for (const marker of [B_MARKER, 'Борис', ...CRITERIA.map(judgeMarker)]) expect(a.annotate.bodiesContaining(marker)).toEqual([])
      // Her session never asked for anything beyond her role (browse, jobs, lead views).
      expect(a.annotate.apiBodies.filter((entry) => entry.status !== 200).map((entry) => `${entry.status} ${entry.url}`)).toEqual([])

      // The hostile answer renders inert: no image, no script ran, the tags show as text; the table and code render.
      const answer = a.annotate.answerText
      await expect(answer).toContainText('<img src=x onerror=')
      await expect(answer).toContainText('<script>')
      await expect(answer.locator('img')).toHaveCount(0)
      await expect(answer.locator('script')).toHaveCount(0)
      await expect(answer.locator('table td')).toHaveCount(2)
      await expect(answer.locator('pre code')).toContainText('const answer = 42')
      expect(await a.annotate.page.evaluate(() => (window as unknown as { __xss?: string }).__xss)).toBeUndefined()

      // Алиса scores the whole answer with the keyboard only.
      const scores = [1, 'na', 2] as const
      for (const [index, score] of scores.entries()) {
        const criterion = CRITERIA[index]
        await a.annotate.expectPosition(index + 1, 3)
        await a.annotate.press(score === 'na' ? 'n' : String(score))
        await a.annotate.expectChosen(score)
        await a.annotate.press('Control+Enter') // no rationale yet: refused
        await expect(a.annotate.problem).toBeVisible()
        await a.annotate.press('Tab')
        await expect(a.annotate.rationale).toBeFocused()
        await a.annotate.page.keyboard.type(`Обоснование Алисы ${criterion}`)
        await a.annotate.press('Control+Enter')
        await expect(a.annotate.status).toHaveText('Отправлено')
        // After her own submission the reveal shows the judge (and Борис on criterion 1), never the next criteria.
        await expect(a.annotate.revealJudges.first()).toContainText(judgeMarker(criterion))
        for (const later of CRITERIA.slice(index + 1)) expect(a.annotate.bodiesContaining(judgeMarker(later))).toEqual([])
        if (index === 0) {
          await expect(a.annotate.revealExperts).toHaveCount(1)
          await expect(a.annotate.revealExperts.first()).toContainText('Борис')
          await expect(a.annotate.revealExperts.first()).toContainText(B_MARKER)
          // The same capture now holds them: the checks above could have caught a leak.
          await expect.poll(() => a.annotate.bodiesContaining(B_MARKER).length).toBeGreaterThan(0)
        }
        await a.annotate.press('j') // straight on: after submit the keys score and move again
      }
      await a.annotate.expectPosition(3, 3) // J on the last criterion stays
      await expect(a.annotate.queueRows.first()).toHaveAttribute('data-complete', 'true')
      await expect(a.annotate.page.getByTestId('wb-all-done')).toBeVisible()
      await a.annotate.next.click() // the only answer is hers and Борис's: nothing left
      await expect(a.annotate.noMoreWork).toBeVisible()
      await a.annotate.expectPosition(3, 3)
      const aliceAnnotations = await ownerCall(server, 'review-list', { annotatorId: (await ownerCall(server, 'annotators-list', {})).find((x: { name: string }) => x.name === 'Алиса').id })
      expect(aliceAnnotations.total).toBe(3)
      // Active time went with every submission.
      const aliceProgress = (await ownerCall(server, 'progress-get')).annotators.find((x: { name: string }) => x.name === 'Алиса')
      expect(aliceProgress.itemsSubmitted).toBe(3)
      expect(aliceProgress.medianMsPerItem).toBeGreaterThan(0)

      // Revising is allowed after the reveal: K back to criterion 1, another score, submit again.
      await a.annotate.press('k')
      await a.annotate.press('k')
      await a.annotate.expectPosition(1, 3)
      await a.annotate.press('2')
      await expect(a.annotate.status).toHaveText('Черновик')
      await a.annotate.press('Control+Enter')
      await expect(a.annotate.status).toHaveText('Отправлено')

      // Борис starts criterion 2; the draft is saved as he types and survives a reload.
      await b.annotate.press('Escape')
      await b.annotate.press('j')
      await b.annotate.expectPosition(2, 3)
      await b.annotate.press('0')
      await b.annotate.press('Tab')
      await b.annotate.page.keyboard.type('черновик Бориса')
      await b.annotate.expectSaved()
      await b.annotate.page.reload()
      await b.annotate.expectPosition(2, 3)
      await b.annotate.expectChosen(0)
      await expect(b.annotate.rationale).toHaveValue('черновик Бориса')
      await expect(b.annotate.status).toHaveText('Черновик')

      // The owner revokes Борис's link on the team screen: his browser gets 401 from then on.
      await team.row('Борис').getByTestId('annotator-revoke').click()
      await expect(team.row('Борис').getByTestId('annotator-no-link')).toBeVisible()
      const denied = await b.annotate.page.request.post(`${server.origin}/api/me-get`, { data: {}, headers: { origin: server.origin } })
      expect(denied.status()).toBe(401)
      const reload = await b.annotate.page.goto(server.origin + '/')
      expect(reload?.status()).toBe(401)

      await a.context.close()
      await b.context.close()
    } finally {
      await server.stop()
      fs.rmSync(project.dir, { recursive: true, force: true })
    }
  })

  test('the item screen in Russian and English (README screenshots)', async ({ browser, castor }) => {
    const annotator = await addAnnotator(castor, 'Эксперт В')
    const { context, annotate } = await annotatorPage(browser, { height: 1100 })
    await annotate.open(annotator.url)
    await annotate.takeNext()
    await annotate.press('j')
    await annotate.press('j')
    await annotate.expectPosition(3, 4)
    await annotate.press('2')
    await annotate.press('Tab')
    await annotate.page.keyboard.type('Ответ точен, примеры по делу, вывод следует из рассуждения.')
    await annotate.press('Control+Enter')
    await expect(annotate.status).toHaveText('Отправлено')
    await expect(annotate.reveal).toBeVisible()
    await expect(annotate.revealJudges.first()).toBeVisible()
    await annotate.revealJudges.first().scrollIntoViewIfNeeded()
    await docScreenshot(annotate.page, 'annotate-ru.png')

    await annotate.page.getByTestId('language-en').click()
    await expect(annotate.page.locator('html')).toHaveAttribute('lang', 'en')
    await expect(annotate.status).toHaveText('Submitted')
    await expect(annotate.shortcuts).toContainText('not applicable')
    await annotate.revealJudges.first().scrollIntoViewIfNeeded()
    await docScreenshot(annotate.page, 'annotate-en.png')
    await context.close()
  })

  test('the lead sees progress live, reviews rationales side by side and sets a final score', async ({ browser, page, castor }) => {
    await page.goto(castor.url)
    const team = new TeamPage(page)
    await team.open()
    await page.screenshot({ path: test.info().outputPath('team-people.png') })
    // Overlap and the rationale rule are project settings the lead changes here.
    await page.getByTestId('settings-overlap').fill('3')
    await page.getByTestId('settings-overlap').press('Enter')
    await expect.poll(async () => (await ownerCall(castor, 'me-get')).settings.overlap).toBe(3)
    await page.getByTestId('settings-rationale').uncheck()
    await expect.poll(async () => (await ownerCall(castor, 'me-get')).settings.rationaleRequired).toBe(false)
    await team.section('progress')
    await expect(page.getByTestId('team-progress')).toBeVisible()

    // An annotator works through the API (a script, another machine): the lead's screen follows without a reload.
    const worker = await addAnnotator(castor, 'Эксперт Г')
    const next = await callApi(castor, worker.token, 'work-next')
    const work = next.body.result.item
    expect(work.criteria.length).toBeGreaterThan(0)
    await expect(team.progressRow('Эксперт Г')).toHaveAttribute('data-assigned', '1')
    await expect(team.progressRow('Эксперт Г')).toHaveAttribute('data-done', '0')
    for (const entry of work.criteria) {
      const score = entry.criterion.levels[0].score
      const submitted = await callApi(castor, worker.token, 'annotation-submit', {
        itemId: entry.itemId,
        score,
        rationale: `REVIEW-MARKER-${entry.itemId}`,
        activeMs: 4000,
      })
      expect(submitted.status, JSON.stringify(submitted.body)).toBe(200)
    }
    await expect(team.progressRow('Эксперт Г')).toHaveAttribute('data-done', '1')
    await page.screenshot({ path: test.info().outputPath('team-progress.png') })

    // Review: only this annotator's items, every expert's rationale side by side.
    await team.section('review')
    await page.getByTestId('review-filter-annotator').selectOption({ label: 'Эксперт Г' })
    await expect(page.getByTestId('review-total')).toContainText(String(work.criteria.length))
    const firstRow = page.getByTestId('review-row').first()
    await expect(firstRow).toContainText('REVIEW-MARKER-')
    await expect(firstRow.getByTestId('review-annotation')).toHaveCount(3) // the demo's two experts and Эксперт Г
    await page.screenshot({ path: test.info().outputPath('team-review.png') })

    // Adjudication: the most disputed item first; the lead sets a final score with a note.
    await team.section('adjudication')
    const top = page.getByTestId('adjudication-row').first()
    await expect(top).toBeVisible()
    await top.getByTestId('adjudication-open').click()
    const detail = page.getByTestId('adjudication-detail')
    await detail.getByTestId('adjudication-score').selectOption({ index: 1 })
    await detail.getByTestId('adjudication-note').fill('решение руководителя')
    await detail.getByTestId('adjudication-save').click()
    await expect(top.getByTestId('adjudication-final')).toBeVisible()
    await page.screenshot({ path: test.info().outputPath('team-adjudication.png') })
    const queue = await ownerCall(castor, 'adjudication-queue', { unresolvedOnly: false, limit: 500 })
    expect(queue.rows.some((row: { final: { note: string | null } | null }) => row.final?.note === 'решение руководителя')).toBe(true)

    // People: a demo expert without a link gets one that works; removing an annotator takes them off the list.
    await team.section('people')
    await team.row('Эксперт А').getByTestId('annotator-reissue').click()
    const reissued = await team.row('Эксперт А').getByTestId('annotator-link').inputValue()
    const expert = await annotatorPage(browser)
    await expert.annotate.open(reissued)
    await expect(expert.annotate.tabs).toHaveCount(1)
    await expert.context.close()
    // A quota of 0 answers: the next work-next is refused with its reason.
    const limits = team.row('Эксперт А').getByTestId('annotator-limits')
    await limits.locator('summary').click()
    await limits.getByTestId('annotator-quota').fill('0')
    await limits.getByTestId('annotator-limits-save').click()
    await expect(limits.locator('summary')).toContainText('0')
    const expertToken = new URL(reissued).searchParams.get('token')!
    const refused = await callApi(castor, expertToken, 'work-next')
    expect(refused.body.result).toEqual({ item: null, reason: 'quota-reached' })
    page.once('dialog', (dialog) => void dialog.accept())
    await team.row('Эксперт Г').getByTestId('annotator-remove').click()
    await expect(team.row('Эксперт Г')).toHaveCount(0)
    await expect(team.row('Эксперт А')).toHaveCount(1)
  })
})
