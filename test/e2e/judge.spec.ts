import { test, expect } from './support/fixtures'
import { docScreenshot } from './support/docScreenshot'
import { JudgePage } from './pages/JudgePage'
import { feedbackReply, startFakeOpenAi, statusReply } from '../helpers/fakeOpenAi'

test.use({ locale: 'ru-RU', viewport: { width: 1500, height: 950 } })

test.describe('the judge panel', () => {
  test('starts a run on an OpenAI-compatible server, shows progress, pauses, resumes and shows the results', async ({ page, castor }) => {
    // The judge answers the top of each criterion's scale (the last rubric line of the prompt).
    const server = await startFakeOpenAi((request) => ({ ...feedbackReply(Number(/\n(\d+): [^\n]*\n$/.exec(request.prompt)?.[1] ?? 99), 'Ответ полный.'), delayMs: 250 }))
    try {
      const judge = new JudgePage(page)
      await judge.open(castor.url)
      await judge.startServerRun({ baseUrl: server.url, model: 'ai-forever/pollux-judge-7b', name: 'e2e-7b', limit: 8, concurrency: 1, apiKey: 'sk-e2e' })
      const run = judge.run('e2e-7b')
      await expect(run).toBeVisible()
      await expect(run.getByTestId('judge-run-rate')).toBeVisible()
      await expect(run.getByTestId('judge-run-progress')).toBeVisible()

      await run.getByTestId('judge-pause').click()
      await judge.expectStatus('e2e-7b', 'paused')
      const counts = await run.getByTestId('judge-run-counts').textContent()
      expect(counts).toMatch(/^\d+ из 8$/)
      expect(counts).not.toBe('8 из 8')

      await run.getByTestId('judge-resume').click()
      await judge.expectStatus('e2e-7b', 'done')
      await expect(run.getByTestId('judge-run-counts')).toHaveText('8 из 8')
      await expect(run.getByTestId('judge-run-status')).toHaveText('готово')

      await run.click()
      await expect(judge.detail).toContainText('e2e-7b')
      await expect(judge.detail.getByTestId('judge-histogram').locator('li')).not.toHaveCount(0)
      await expect(judge.detail.getByTestId('judge-top-errors')).toHaveCount(0)
      await expect(judge.detail.getByTestId('judge-recent').locator('tbody tr')).toHaveCount(8)
      // The exact user message of a judged item, as the server received it.
      await judge.detail.getByTestId('judge-recent-row').first().click()
      const prompt = await judge.detail.getByTestId('judge-prompt').textContent()
      expect(prompt).toMatch(/^### Задание для оценки:\n/)
      expect(server.requests.map((r) => r.prompt)).toContain(prompt)
      await docScreenshot(page, 'judge-ru.png')
      // Each item was sent once, except the one in flight when paused (concurrency 1), which was sent again.
      expect(new Set(server.requests.map((r) => r.prompt)).size).toBe(8)
      expect(server.requests.length).toBeLessThanOrEqual(9)
      expect(server.requests.every((r) => r.headers.authorization === 'Bearer sk-e2e')).toBe(true)
    } finally {
      await server.close()
    }
  })

  test('shows why a run cannot start', async ({ page, castor }) => {
    const judge = new JudgePage(page)
    await judge.open(castor.url)
    await judge.startServerRun({ baseUrl: 'http://127.0.0.1:9/v1', model: 'ai-forever/pollux-judge-7b-r', name: 'regression' })
    await expect(judge.error).toContainText('regression')
    await expect(judge.run('regression')).toHaveCount(0)
  })

  test('shows a run that failed on the server, with the reason', async ({ page, castor }) => {
    const server = await startFakeOpenAi(() => statusReply(401, {}, { error: { message: 'invalid API key' } }))
    try {
      const judge = new JudgePage(page)
      await judge.open(castor.url)
      await judge.startServerRun({ baseUrl: server.url, model: 'ai-forever/pollux-judge-7b', name: 'unauthorized', limit: 4 })
      await judge.expectStatus('unauthorized', 'failed')
      await expect(judge.run('unauthorized').getByTestId('judge-run-error')).toContainText('HTTP 401')
      await expect(judge.run('unauthorized').getByTestId('judge-resume')).toBeVisible()
    } finally {
      await server.close()
    }
  })

  test('offers the POLLUX judges, names a new run by default, and stops a run whose items all fail with the reason', async ({ page, castor }) => {
    const server = await startFakeOpenAi(() => feedbackReply(7))
    try {
      const judge = new JudgePage(page)
      await judge.open(castor.url)
      await page.getByTestId('judge-catalog').locator('summary').click()
      await page.getByTestId('judge-catalog-serve-pollux-judge-7b').click()
      await expect(judge.baseUrl).toHaveValue('http://127.0.0.1:8000/v1')
      await expect(judge.apiModel).toHaveValue('ai-forever/pollux-judge-7b')
      await expect(page.getByTestId('judge-catalog-pollux-judge-32b')).toContainText('vllm serve ai-forever/pollux-judge-32b --port 8000')
      await expect(page.getByTestId('judge-catalog-pollux-4b-judge')).toContainText('Q4_K_M')
      // The name is filled in (model + date): Start works without typing one.
      await judge.baseUrl.fill(server.url)
      await expect(judge.name).toHaveValue(/^pollux-judge-7b \d{4}-\d{2}-\d{2}$/)
      const name = await judge.name.inputValue()
      await judge.limit.fill('8')
      await expect(judge.start).toBeEnabled()
      await judge.start.click()
      await judge.expectStatus(name, 'failed')
      await expect(judge.run(name).getByTestId('judge-run-error')).toContainText('the first 8 items failed with the same error')
    } finally {
      await server.close()
    }
  })
})
