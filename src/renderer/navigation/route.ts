import { isView, type View } from '../stores/viewStore'

/**
 * Where the user is, as the URL fragment says it: the project's tab and, on Browse, what is open.
 * `#/analytics`, `#/browse?instruction=4`, `#/browse?instruction=4&answer=12`, `#/browse?item=123`
 * (an item names its answer and instruction itself). A fragment survives `castor serve`'s token-swap redirect
 * and never reaches the server.
 */
export interface Route {
  view: View
  instruction?: number
  answer?: number
  item?: number
}

const selectionKeys = ['instruction', 'answer', 'item'] as const

function positiveId(value: string | null): number | undefined {
  if (value === null || !/^[1-9]\d{0,15}$/.test(value)) return undefined
  const id = Number(value)
  return Number.isSafeInteger(id) ? id : undefined
}

/** The route of a fragment such as `#/browse?item=3`; null when it names no tab of the app. */
export function parseRoute(hash: string): Route | null {
  const match = /^#\/([a-z]+)(?:\?(.*))?$/.exec(hash)
  if (!match || !isView(match[1])) return null
  const route: Route = { view: match[1] }
  if (route.view !== 'browse' || match[2] === undefined) return route
  const params = new URLSearchParams(match[2])
  const item = positiveId(params.get('item'))
  if (item !== undefined) return { view: 'browse', item }
  const instruction = positiveId(params.get('instruction'))
  if (instruction === undefined) return route
  const answer = positiveId(params.get('answer'))
  return answer === undefined ? { view: 'browse', instruction } : { view: 'browse', instruction, answer }
}

/** The fragment of a route: only Browse carries a selection, and an item stands for its answer and instruction. */
export function formatRoute(route: Route): string {
  if (route.view !== 'browse') return `#/${route.view}`
  const selection: Partial<Record<(typeof selectionKeys)[number], number>> =
    route.item !== undefined ? { item: route.item } : { instruction: route.instruction, answer: route.instruction !== undefined ? route.answer : undefined }
  const params = new URLSearchParams()
  for (const key of selectionKeys) if (selection[key] !== undefined) params.set(key, String(selection[key]))
  const query = params.toString()
  return query ? `#/browse?${query}` : '#/browse'
}

/** Whether a route opens something on Browse (so it must wait for Browse to load its project). */
export function hasSelection(route: Route): boolean {
  return route.item !== undefined || route.instruction !== undefined
}
