import type { OperationName } from '@shared/api/operations'
import { appHandlers } from './appHandlers'
import { browseHandlers } from './browseHandlers'
import { controlHandlers } from './controlHandlers'
import { dataHandlers } from './dataHandlers'
import { judgeHandlers } from './judgeHandlers'
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
  ...controlHandlers,
}
