import type { statsOperations } from '@shared/api/statsOperations'
import type { HandlerMap } from './types'

export const statsHandlers: HandlerMap<keyof typeof statsOperations> = {}
