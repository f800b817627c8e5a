import { z } from 'zod'
import { operation } from './operation'
import { SimulationSettings } from './simulationModels'

/**
 * The simulation on the open project (services/routing/simulation): a lead starts it as a job (kind `simulate`,
 * progress in repeats); the finished job's `result` is a SimulationReport, the object `castor simulate --json` prints.
 */
export const simulationOperations = {
  'simulate-start': operation(SimulationSettings.strict(), z.object({ jobId: z.string() }), 'lead'),
}
