import { operation } from './operation'

void operation

/** The stats domain's operations; merged into `operations` (operations.ts). */
export const statsOperations = {} as const
