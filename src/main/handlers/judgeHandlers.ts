import type { judgeOperations } from '@shared/api/judgeOperations'
import type { HandlerMap } from './types'

export const judgeHandlers: HandlerMap<keyof typeof judgeOperations> = {}
