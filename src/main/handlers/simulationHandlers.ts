import type { simulationOperations } from '@shared/api/simulationOperations'
import { runSimulation } from '../services/routing/simulation'
import type { HandlerMap } from './types'

export const simulationHandlers: HandlerMap<keyof typeof simulationOperations> = {
  'simulate-start': (settings, context) => {
    const { db } = context.project.require()
    const job = context.jobs.start({
      kind: 'simulate',
      label: `${settings.policy} · ${settings.judge}`,
      unit: 'items',
      run: ({ report, signal }) => runSimulation(db, settings, { signal, onProgress: (done, total) => report(done, total, done) }),
    })
    return { jobId: job.id }
  },
}
