import { useAppStore } from './appStore'

/** Runs a store action; a failure is reported to the user (appStore.reportError) and answers false. */
export async function attempt(action: () => Promise<void>): Promise<boolean> {
  try {
    await action()
    return true
  } catch (error) {
    useAppStore.getState().reportError(error)
    return false
  }
}
