import { api } from '../api'
import { useAdjudicationStore } from './adjudicationStore'
import { useAppStore } from './appStore'
import { useBrowseStore } from './browseStore'
import { useCriteriaStore } from './criteriaStore'
import { useJobsStore } from './jobsStore'
import { isLead, useMeStore } from './meStore'
import { useJudgeStore } from './judgeStore'
import { useTeamStore } from './teamStore'

let criteriaRefreshQueued = false
/**
 * The Criteria tab, once loaded for this project, re-reads criteria and sets (an import adds criteria, scores fix
 * scales). Another process's write sends project-changed and project-data-changed together: one reload serves both.
 */
function refreshCriteria(projectPath: string | null): void {
  const criteria = useCriteriaStore.getState()
  if (projectPath === null || criteria.projectPath !== projectPath || criteriaRefreshQueued) return
  criteriaRefreshQueued = true
  setTimeout(() => {
    criteriaRefreshQueued = false
    if (useCriteriaStore.getState().projectPath === projectPath) void useCriteriaStore.getState().reload()
  }, 100)
}

/** Routes host events into the stores; returns the function that disconnects them. */
export function connectStores(): () => void {
  const unsubscribers = [
    api.on('job-progress', (job) => useJobsStore.getState().upsert(job)),
    api.on('project-changed', (project) => {
      useAppStore.getState().setProject(project)
      if (!isLead(useMeStore.getState().me?.role)) return // browsing is for leads; an annotator's session never loads it
      const browse = useBrowseStore.getState()
      browse.bind(project?.path ?? null)
      if (project && browse.projectPath === project.path) void browse.refresh()
      refreshCriteria(project?.path ?? null)
    }),
    api.on('progress-changed', () => {
      useTeamStore.getState().progressChanged()
      // Scores were submitted here: the header's counts follow (the event comes at most once a second).
      void api
        .invoke('project-info', {})
        .then((project) => useAppStore.getState().setProject(project))
        .catch(() => undefined)
    }),
    // Another process wrote to the project (the CLI): the lead's views refetch what they show.
    api.on('project-data-changed', () => {
      useTeamStore.getState().dataChanged()
      const adjudication = useAdjudicationStore.getState()
      if (adjudication.rows.length > 0) void adjudication.load(0)
      const judge = useJudgeStore.getState()
      if (judge.loaded) void judge.refresh()
      refreshCriteria(useAppStore.getState().project?.path ?? null)
    }),
    api.onReconnect(() => {
      void useAppStore.getState().load()
      void useJobsStore.getState().refresh().catch(() => undefined)
    }),
  ]
  return () => unsubscribers.forEach((unsubscribe) => unsubscribe())
}
