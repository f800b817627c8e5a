import { test, expect } from './support/fixtures'
import { AnnotatePage } from './pages/AnnotatePage'
import { ProjectPage } from './pages/ProjectPage'
import { TeamPage } from './pages/TeamPage'

test.use({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })

test('the lead switches to assisted mode in the routing settings; the annotator then sees the judge beside the rubric', async ({ castor, page, browser }) => {
  await page.goto(castor.url)
  const team = new TeamPage(page)
  await team.open()
  const link = await team.add('Анна')

  // blind (the default): no judge on the item screen
  const annaContext = await browser.newContext({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })
  const anna = new AnnotatePage(await annaContext.newPage())
  await anna.open(link)
  await anna.takeNext()
  await expect(anna.page.getByTestId('wb-criterion-name')).toBeVisible()
  await expect(anna.page.getByTestId('assist-panel')).toHaveCount(0)

  // the lead: Team › Routing, assisted mode with the demo's judge run
  await page.getByTestId('team-tab-routing').click()
  await expect(page.getByTestId('routing-status')).toHaveAttribute('data-phase', 'off')
  await page.getByTestId('routing-mode').selectOption('assisted')
  await page.getByTestId('routing-runs').selectOption({ label: 'pollux-judge-7b' })
  await page.getByTestId('routing-save').click()
  await expect(page.getByTestId('routing-mode')).toHaveValue('assisted')

  // the annotator's next look shows the judge's score and rationale beside the rubric, before scoring
  await anna.page.reload()
  await expect(anna.view).toBeVisible()
  await anna.queueRows.first().click()
  const assist = anna.page.getByTestId('assist-panel')
  await expect(assist).toBeVisible()
  await expect(assist.getByTestId('assist-score')).toContainText('Оценка судьи')
  await expect(assist).toContainText('pollux-judge-7b')

  // an assisted submission is counted in the lead's routing status
  const judgeScore = Number((await assist.getByTestId('assist-score').textContent())?.replace(/\D+/g, ''))
  await anna.level(judgeScore).click()
  await anna.rationale.fill('согласна с судьёй')
  await anna.submit.click()
  await expect(anna.status).toContainText(/Отправлено|Submitted/)
  await page.getByTestId('team-tab-progress').click()
  await page.getByTestId('team-tab-routing').click()
  await expect(page.getByTestId('routing-assisted')).toContainText('1')
  // Team › Progress says it too (routing is off, so only the assisted line)
  await page.getByTestId('team-tab-progress').click()
  await expect(page.getByTestId('effort-assisted')).toHaveAttribute('data-submitted', '1')
  await expect(page.getByTestId('effort-assisted')).toHaveAttribute('data-kept', '1')
  await expect(page.getByTestId('effort-scores')).toHaveCount(0)
  await annaContext.close()
})

test('judge-guided from the routing settings: the demo\'s imported expert scores complete the calibration, and Browse says why an item went where it did', async ({ castor, page }) => {
  await page.goto(castor.url)
  const team = new TeamPage(page)
  await team.open()
  await page.getByTestId('team-tab-routing').click()
  await page.getByTestId('routing-policy').selectOption('judge-guided')
  await page.getByTestId('routing-runs').selectOption({ label: 'pollux-judge-7b' })
  await page.getByTestId('routing-calibration').fill('3')
  await page.getByTestId('routing-save').click()
  // every demo item already has two expert scores, so the thresholds are computed at once
  const status = page.getByTestId('routing-status')
  await expect(status).toHaveAttribute('data-phase', 'routed')
  await expect(page.getByTestId('routing-calibration-progress')).toContainText('3 из 3')
  await expect(page.getByTestId('routing-calibration-choice')).toContainText('Калибровка: 3 из')
  // the demo's judge run has no probabilities: no threshold, nothing accepted, and the table says why
  const rows = page.getByTestId('routing-threshold-row')
  await expect(rows.first()).toBeVisible()
  await expect(rows.first()).toHaveAttribute('data-lambda', '')
  await expect(rows.first().getByTestId('routing-guarantee')).toHaveText(/^ничего не принято: (калибровочных элементов 0, меньше минимума 50|нет калибровочных элементов с двумя экспертами, потолок экспертов неизвестен)$/)

  // Team › Progress: expert scores given and needed under routing against the fixed-k plan
  await page.getByTestId('team-tab-progress').click()
  const effort = page.getByTestId('effort-scores')
  await expect(effort).toContainText('при фиксированном k понадобилось бы')
  const fixedK = Number(await effort.getAttribute('data-fixed-k'))
  expect(fixedK).toBeGreaterThan(0)

  const project = new ProjectPage(page)
  await project.openTab('browse')
  await project.clickInstruction('demo-01')
  await project.clickAnswer('GigaChat-Max')
  await project.clickCriterion(0)
  const reason = page.getByTestId('routing-reason')
  await expect(reason).toBeVisible()
  await expect(reason).toHaveAttribute('data-role', /^(calibration|escalated)$/)
  await expect(reason).toContainText(/Калибровочный ответ|для критерия нет порога/)

  // Analytics shows the same effort line
  await project.openTab('analytics')
  await expect(page.getByTestId('effort-scores')).toHaveAttribute('data-fixed-k', String(fixedK))
})
