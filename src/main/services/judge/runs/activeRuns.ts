/** The runs a host is judging right now, so that pause/cancel reach the job and a run never runs twice at once. */
export interface ActiveRun {
  runId: number
  jobId: string
  /** Set before the job's signal aborts: a pause leaves the run resumable as `paused`, a cancel as `cancelled`. */
  stop: 'pause' | 'cancel' | null
}

export class ActiveRuns {
  private readonly runs = new Map<number, ActiveRun>()

  get(runId: number): ActiveRun | undefined {
    return this.runs.get(runId)
  }

  add(run: ActiveRun): void {
    this.runs.set(run.runId, run)
  }

  remove(runId: number, jobId: string): void {
    if (this.runs.get(runId)?.jobId === jobId) this.runs.delete(runId)
  }

  /** runId → { jobId } for summaries. */
  snapshot(): Map<number, { jobId: string }> {
    return new Map([...this.runs].map(([runId, run]) => [runId, { jobId: run.jobId }]))
  }
}
