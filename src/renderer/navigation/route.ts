import { isView, type View } from '../stores/viewStore'

/**
 * Where the user is, as the URL fragment says it: the project's tab and, on Browse, what is open.
 * `#/analytics`, `#/browse?instruction=4`, `#/browse?instruction=4&answer=12`, `#/browse?item=123`
 * (an item names its answer and instruction itself), plus each view's filters (`filterKeys`):
 * `#/browse?q=text&item=3`, `#/analytics?criterion=5&run=judge`, `#/team?section=review&annotator=2&score=1`. A fragment survives `castor serve`'s token-swap redirect
 * and never reaches the server.
 */
export interface Route {
  view: View
  instruction?: number
  answer?: number
  item?: number
  /** The view's filters as text (only the keys of `filterKeys[view]`, none empty); absent when there are none. */
  filters?: Readonly<Record<string, string>>
}

/** The filters each view carries in the URL: Browse's search, Analytics' criterion and judge run, Team's review filters. */
export const filterKeys: Partial<Record<View, readonly string[]>> = {
  browse: ['q'],
  analytics: ['criterion', 'run'],
  team: ['section', 'annotator', 'criterion', 'model', 'score'],
}

const MAX_FILTER_LENGTH = 500

function filtersOf(view: View, params: URLSearchParams): Route['filters'] {
  const filters: Record<string, string> = {}
  for (const key of filterKeys[view] ?? []) {
    const value = params.get(key)?.trim()
    if (value) filters[key] = value.slice(0, MAX_FILTER_LENGTH)
  }
  return Object.keys(filters).length ? filters : undefined
}

function withFilters(route: Route, filters: Route['filters']): Route {
  return filters ? { ...route, filters } : route
}

const selectionKeys = ['instruction', 'answer', 'item'] as const

export function positiveId(value: string | null | undefined): number | undefined {
  if (value === null || value === undefined || !/^[1-9]\d{0,15}$/.test(value)) return undefined
  const id = Number(value)
  return Number.isSafeInteger(id) ? id : undefined
}

/** The route of a fragment such as `#/browse?item=3`; null when it names no tab of the app. */
export function parseRoute(hash: string): Route | null {
  const match = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash)
  if (!match || !isView(match[1])) return null
  const route: Route = { view: match[1] }
  if (match[2] === undefined) return route
  const params = new URLSearchParams(match[2])
  const filters = filtersOf(route.view, params)
  if (route.view !== 'browse') return withFilters(route, filters)
  const item = positiveId(params.get('item'))
  if (item !== undefined) return withFilters({ view: 'browse', item }, filters)
  const instruction = positiveId(params.get('instruction'))
  if (instruction === undefined) return withFilters(route, filters)
  const answer = positiveId(params.get('answer'))
  return withFilters(answer === undefined ? { view: 'browse', instruction } : { view: 'browse', instruction, answer }, filters)
}

function filterQuery(route: Route, params: URLSearchParams): string {
  for (const key of filterKeys[route.view] ?? []) {
    const value = route.filters?.[key]
    if (value) params.set(key, value)
  }
  return params.toString()
}

/** The fragment of a route: only Browse carries a selection, and an item stands for its answer and instruction. */
export function formatRoute(route: Route): string {
  if (route.view !== 'browse') {
    const query = filterQuery(route, new URLSearchParams())
    return query ? `#/${route.view}?${query}` : `#/${route.view}`
  }
  const selection: Partial<Record<(typeof selectionKeys)[number], number>> =
    route.item !== undefined ? { item: route.item } : { instruction: route.instruction, answer: route.instruction !== undefined ? route.answer : undefined }
  const params = new URLSearchParams()
  for (const key of selectionKeys) if (selection[key] !== undefined) params.set(key, String(selection[key]))
  const query = filterQuery(route, params)
  return query ? `#/browse?${query}` : '#/browse'
}

/** Whether a route opens something on Browse (so it must wait for Browse to load its project). */
export function hasSelection(route: Route): boolean {
  return route.item !== undefined || route.instruction !== undefined
}
