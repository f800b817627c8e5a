import { test, expect } from './support/fixtures'
import { ProjectPage } from './pages/ProjectPage'

test.use({ locale: 'ru-RU', viewport: { width: 1600, height: 960 } })

test.describe('tabs and the open item live in the URL', () => {
  test('a reload stays on the tab, and back/forward move between tabs', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await expect(page).toHaveURL(/#\/browse$/)

    await project.openTab('analytics')
    await expect(page).toHaveURL(/#\/analytics$/)
    await page.reload()
    await project.expectTab('analytics')

    await project.openTab('team')
    await expect(page).toHaveURL(/#\/team$/)
    await page.goBack()
    await project.expectTab('analytics')
    await page.goForward()
    await project.expectTab('team')
  })

  test('a copied link opens the same item in another page, and the token swap keeps the fragment', async ({ page, castor, browser }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await project.clickInstruction('demo-02')
    await project.clickAnswer('YandexGPT-4-Pro')
    await project.clickCriterion(1)
    // clickInstruction searched for it first: the link keeps the search too.
    await expect(page).toHaveURL(/#\/browse\?item=\d+&q=demo-02$/)
    const link = page.url()
    const criterion = await project.criterionName.textContent()
    const answer = await project.answerText.textContent()
    const position = await project.criterionPosition.textContent()
    expect(position).toMatch(/^Критерий 2 из \d+$/)

    // Another tab of the same browser (the cookie is shared): the same item, with its instruction and answer.
    const other = new ProjectPage(await page.context().newPage())
    await other.page.goto(link)
    await expect(other.page.getByTestId('instruction-external-id')).toHaveText('demo-02')
    await expect(other.criterionName).toHaveText(criterion ?? '')
    await expect(other.answerText).toHaveText(answer ?? '')
    await expect(other.criterionPosition).toHaveText(position ?? '')
    await expect(other.page).toHaveURL(link)

    // A teammate's first visit: the token link with the fragment appended lands on the same item after the redirect.
    const fresh = await browser.newContext({ locale: 'ru-RU' })
    try {
      const teammate = new ProjectPage(await fresh.newPage())
      await teammate.page.goto(`${castor.url}${new URL(link).hash}`)
      await expect(teammate.criterionName).toHaveText(criterion ?? '')
      await expect(teammate.page).toHaveURL(new RegExp(`${new URL(link).hash.replace(/[?]/g, '\\?')}$`))
      await teammate.page.goto(`${castor.url}#/analytics`)
      await teammate.expectTab('analytics')
    } finally {
      await fresh.close()
    }
  })

  test("an annotator's link to a lead tab lands on Annotate, and the URL says so", async ({ browser, castor, request }) => {
    const reply = await request.post(`${castor.origin}/api/annotator-add`, {
      headers: { Authorization: `Bearer ${castor.token}` },
      data: { name: 'Анна', language: 'ru' },
    })
    const { result } = (await reply.json()) as { result: { link: { path: string } } }
    const context = await browser.newContext({ locale: 'ru-RU' })
    try {
      const annotator = new ProjectPage(await context.newPage())
      await annotator.page.goto(`${new URL(result.link.path, castor.origin).toString()}#/analytics`)
      await annotator.expectTab('annotate')
      await expect(annotator.page).toHaveURL(/#\/annotate$/)
      await expect(annotator.tab('analytics')).toHaveCount(0)
    } finally {
      await context.close()
    }
  })

  test('the filters of Analytics and Team are in the URL, so a link opens the same figures and list', async ({ page, castor }) => {
    const project = new ProjectPage(page)
    await project.open(castor.url)
    await project.openTab('analytics')
    const scope = page.getByTestId('analytics-criterion')
    await expect(scope.locator('option')).not.toHaveCount(1)
    const chosen = (await scope.locator('option').nth(2).getAttribute('value')) ?? ''
    await scope.selectOption(chosen)
    await expect(page).toHaveURL(new RegExp(`#/analytics\\?criterion=${chosen}(&|$)`))
    const analyticsLink = page.url()

    await project.openTab('team')
    await page.getByTestId('team-tab-review').click()
    await expect(page).toHaveURL(/#\/team\?section=review$/)
    await page.getByTestId('review-filter-model').fill('GigaChat')
    await expect(page).toHaveURL(/#\/team\?section=review&model=GigaChat$/)
    const total = page.getByTestId('review-total')
    await expect(total).not.toBeEmpty()
    const teamLink = page.url()

    const other = await page.context().newPage()
    await other.goto(analyticsLink)
    await expect(other.getByTestId('analytics-criterion')).toHaveValue(chosen)
    await other.goto(teamLink)
    await expect(other.getByTestId('review-filter-model')).toHaveValue('GigaChat')
    await expect(other.getByTestId('review-total')).toHaveText((await total.textContent()) ?? '')
    await expect(other).toHaveURL(teamLink)
  })
})
