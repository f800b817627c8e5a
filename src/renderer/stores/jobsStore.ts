import { create } from 'zustand'
import type { Job } from '@shared/api/models'
import { api } from '../api'

interface JobsStore {
  /** Every job the host reported, by id; kept after they end so dialogs can show the outcome. */
  jobs: Record<string, Job>
  upsert(job: Job): void
  /** Re-reads the host's job list (after the event stream dropped, or when an event may be missed). */
  refresh(): Promise<void>
}

const finished = (job: Job) => job.status !== 'running'

export const useJobsStore = create<JobsStore>((set, get) => ({
  jobs: {},

  upsert(job) {
    const known = get().jobs[job.id]
    // Events and polled lists can cross; a finished job never goes back to running.
    if (known && finished(known) && !finished(job)) return
    set((state) => ({ jobs: { ...state.jobs, [job.id]: job } }))
  },

  async refresh() {
    const jobs = await api.invoke('job-list', {})
    for (const job of jobs) get().upsert(job)
  },
}))
