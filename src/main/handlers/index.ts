import type { OperationName } from '@shared/api/operations'
import { appHandlers } from './appHandlers'
import { browseHandlers } from './browseHandlers'
import { criteriaHandlers } from './criteriaHandlers'
import { controlHandlers } from './controlHandlers'
import { dataHandlers } from './dataHandlers'
import { importHandlers } from './importHandlers'
import { judgeHandlers } from './judgeHandlers'
import { qualityHandlers } from './qualityHandlers'
import { routingHandlers } from './routingHandlers'
import { simulationHandlers } from './simulationHandlers'
import { statsHandlers } from './statsHandlers'
import type { HandlerMap } from './types'
import { workbenchHandlers } from './workbenchHandlers'

/** Every operation of the contract, implemented once; the type fails to compile if one is missing or extra. */
export const handlers: HandlerMap<OperationName> = {
  ...appHandlers,
  ...browseHandlers,
  ...dataHandlers,
  ...workbenchHandlers,
  ...judgeHandlers,
  ...statsHandlers,
  ...criteriaHandlers,
  ...qualityHandlers,
  ...routingHandlers,
  ...simulationHandlers,
  ...importHandlers,
  ...controlHandlers,
}
