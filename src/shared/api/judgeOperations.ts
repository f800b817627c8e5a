import { operation } from './operation'

void operation

/** The judge domain's operations; merged into `operations` (operations.ts). */
export const judgeOperations = {} as const
