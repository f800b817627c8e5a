import type { workbenchOperations } from '@shared/api/workbenchOperations'
import type { HandlerMap } from './types'

export const workbenchHandlers: HandlerMap<keyof typeof workbenchOperations> = {}
