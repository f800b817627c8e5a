import { shownView } from '../features/project/viewAccess'
import { useBrowseStore } from '../stores/browseStore'
import { useMeStore } from '../stores/meStore'
import { useViewStore, viewIds } from '../stores/viewStore'
import { useAnalyticsStore } from '../stores/analyticsStore'
import { teamSections, useTeamStore, type ReviewFilters } from '../stores/teamStore'
import type { View } from '../stores/viewStore'
import { formatRoute, hasSelection, parseRoute, positiveId, type Route } from './route'

type Filters = NonNullable<Route['filters']>

function nonEmpty(filters: Record<string, string | undefined>): Route['filters'] {
  const kept = Object.fromEntries(Object.entries(filters).filter((entry): entry is [string, string] => entry[1] !== undefined && entry[1] !== ''))
  return Object.keys(kept).length ? kept : undefined
}

/** The filters a view's store shows, as the URL writes them. */
function shownFilters(view: View): Route['filters'] {
  if (view === 'browse') return nonEmpty({ q: useBrowseStore.getState().search })
  if (view === 'analytics') {
    const { criterion, run } = useAnalyticsStore.getState()
    return nonEmpty({ criterion: criterion === null ? undefined : String(criterion), run: run ?? undefined })
  }
  if (view === 'team') {
    const { section, review } = useTeamStore.getState()
    const { annotatorId, criterionId, model, score } = review.filters
    return nonEmpty({
      section: section === 'people' ? undefined : section,
      annotator: annotatorId?.toString(),
      criterion: criterionId?.toString(),
      model,
      score: score?.toString(),
    })
  }
  return undefined
}

function reviewFiltersOf(filters: Filters): ReviewFilters {
  const score = filters.score !== undefined && /^-?\d+(\.\d+)?$/.test(filters.score) ? Number(filters.score) : undefined
  return Object.fromEntries(
    Object.entries({ annotatorId: positiveId(filters.annotator), criterionId: positiveId(filters.criterion), model: filters.model, score }).filter(([, value]) => value !== undefined),
  ) as ReviewFilters
}

/**
 * Puts the URL's filters into the view's store once that store has its project; false while it has none yet.
 * Stores that have not loaded yet take them as state, so their first load uses them.
 */
function applyFilters(route: Route): boolean {
  const filters = route.filters ?? {}
  if (route.view === 'browse') {
    const browse = useBrowseStore.getState()
    if (browse.projectPath === null) return false
    browse.setSearch(filters.q ?? '')
  } else if (route.view === 'analytics') {
    const analytics = useAnalyticsStore.getState()
    if (analytics.projectPath === null) return false
    const criterion = positiveId(filters.criterion) ?? null
    const run = filters.run ?? null
    if (analytics.report === null) useAnalyticsStore.setState({ criterion, run })
    else {
      if (criterion !== analytics.criterion) void analytics.setCriterion(criterion)
      if (run !== analytics.run) void analytics.setRun(run)
    }
  } else if (route.view === 'team') {
    const team = useTeamStore.getState()
    if (team.projectPath === null) return false
    const section = teamSections.find((candidate) => candidate === filters.section) ?? 'people'
    if (section !== team.section) team.setSection(section)
    const review = reviewFiltersOf(filters)
    if (JSON.stringify(review) !== JSON.stringify(team.review.filters)) team.setReviewFilters(review)
  }
  return true
}

/**
 * Keeps the URL fragment and the stores in step, so a reload stays where it was and a copied link opens the same
 * tab and item. The URL names the tab shown (an annotator asked for Browse is shown Annotate). Choosing a tab adds
 * a history entry (back/forward move between tabs); anything else replaces the current entry. A selection that
 * arrives before Browse has loaded its project waits for it, and the URL keeps naming it meanwhile.
 * Returns the function that disconnects.
 */
export function connectNavigation(): () => void {
  /** The Browse selection the URL asked for and the stores do not show yet. */
  let target: Route | null = null
  /** Filters the URL asked for that wait for their view's store to have its project. */
  let pendingFilters: Route | null = null
  let applying = false

  function routeWithFilters(route: Route): Route {
    const filters = pendingFilters?.view === route.view ? pendingFilters.filters : shownFilters(route.view)
    return filters ? { ...route, filters } : route
  }

  function shownRoute(): Route {
    const chosen = useViewStore.getState().view
    const role = useMeStore.getState().me?.role
    const view = role ? shownView(role, chosen, viewIds) : chosen
    if (view !== 'browse') return routeWithFilters({ view })
    if (target) return routeWithFilters({ view, instruction: target.instruction, answer: target.answer, item: target.item })
    const { instructionId, responseId, itemId } = useBrowseStore.getState()
    if (itemId !== null) return routeWithFilters({ view, item: itemId })
    return routeWithFilters({ view, instruction: instructionId ?? undefined, answer: responseId ?? undefined })
  }

  function retryFilters(): void {
    if (pendingFilters && applyFilters(pendingFilters)) {
      pendingFilters = null
      writeUrl()
    }
  }

  function writeUrl(tabChosen = false): void {
    if (applying) return
    const next = formatRoute(shownRoute())
    if (next === window.location.hash) return
    const url = `${window.location.pathname}${window.location.search}${next}`
    const before = parseRoute(window.location.hash)
    if (tabChosen && before && before.view !== parseRoute(next)?.view) window.history.pushState(null, '', url)
    else window.history.replaceState(null, '', url)
  }

  async function openTarget(): Promise<void> {
    const route = target
    const browse = useBrowseStore.getState()
    if (!route || browse.projectPath === null) return // Browse has no project yet: bind() will call again
    try {
      if (route.item !== undefined) {
        if (browse.itemId !== route.item) await browse.revealItem(route.item)
      } else if (route.instruction !== undefined) {
        if (browse.instructionId !== route.instruction) await browse.openInstruction(route.instruction)
        if (route.answer !== undefined && useBrowseStore.getState().responseId !== route.answer) await browse.openResponse(route.answer)
      }
    } finally {
      if (target === route) target = null
      writeUrl()
    }
  }

  function applyUrl(): void {
    const route = parseRoute(window.location.hash)
    if (!route) return writeUrl()
    if (formatRoute(route) === formatRoute(shownRoute())) return
    applying = true
    try {
      useViewStore.getState().show(route.view)
    } finally {
      applying = false
    }
    pendingFilters = route
    retryFilters()
    target = hasSelection(route) ? route : null
    if (target) void openTarget()
    else writeUrl() // the tab asked for may not be one the caller's role is shown
  }

  applyUrl()
  const unsubscribers = [
    useViewStore.subscribe(() => writeUrl(true)),
    useMeStore.subscribe((state, previous) => {
      if (state.me?.role !== previous.me?.role) writeUrl()
    }),
    useBrowseStore.subscribe((state, previous) => {
      if (state.projectPath !== previous.projectPath && state.projectPath !== null) {
        // After bind() has finished (it resets the search once it has set the project).
        queueMicrotask(retryFilters)
        if (target) void openTarget()
      } else if (
        state.instructionId !== previous.instructionId ||
        state.responseId !== previous.responseId ||
        state.itemId !== previous.itemId ||
        state.search !== previous.search
      ) {
        writeUrl()
      }
    }),
    useAnalyticsStore.subscribe((state, previous) => {
      // Synchronously: the dashboard's first load follows bind() at once and must see the URL's filters.
      if (state.projectPath !== previous.projectPath && state.projectPath !== null) retryFilters()
      else if (state.criterion !== previous.criterion || state.run !== previous.run) writeUrl()
    }),
    useTeamStore.subscribe((state, previous) => {
      if (state.projectPath !== previous.projectPath && state.projectPath !== null) retryFilters()
      else if (state.review.filters !== previous.review.filters || state.section !== previous.section) writeUrl()
    }),
  ]
  window.addEventListener('popstate', applyUrl)
  window.addEventListener('hashchange', applyUrl)
  return () => {
    unsubscribers.forEach((unsubscribe) => unsubscribe())
    window.removeEventListener('popstate', applyUrl)
    window.removeEventListener('hashchange', applyUrl)
  }
}
