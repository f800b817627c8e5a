const MAX_FRAMES = 90

/**
 * Moves keyboard focus to a pane's list by its data-pane name. The pane may still be loading
 * (its data arrives after the keypress), so it retries for about a second and a half of frames.
 */
export function focusPane(pane: string): void {
  let frames = 0
  const attempt = () => {
    const target = document.querySelector<HTMLElement>(`[data-pane="${pane}"]`)
    if (target) target.focus()
    else if (++frames < MAX_FRAMES) requestAnimationFrame(attempt)
  }
  requestAnimationFrame(attempt)
}
