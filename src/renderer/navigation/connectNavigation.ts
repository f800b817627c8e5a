import { shownView } from '../features/project/viewAccess'
import { useBrowseStore } from '../stores/browseStore'
import { useMeStore } from '../stores/meStore'
import { useViewStore, viewIds } from '../stores/viewStore'
import { formatRoute, hasSelection, parseRoute, type Route } from './route'

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
  let applying = false

  function shownRoute(): Route {
    const chosen = useViewStore.getState().view
    const role = useMeStore.getState().me?.role
    const view = role ? shownView(role, chosen, viewIds) : chosen
    if (view !== 'browse') return { view }
    if (target) return { ...target, view }
    const { instructionId, responseId, itemId } = useBrowseStore.getState()
    if (itemId !== null) return { view, item: itemId }
    return { view, instruction: instructionId ?? undefined, answer: responseId ?? undefined }
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
      if (state.projectPath !== previous.projectPath && state.projectPath !== null && target) void openTarget()
      else if (state.instructionId !== previous.instructionId || state.responseId !== previous.responseId || state.itemId !== previous.itemId) {
        writeUrl()
      }
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
