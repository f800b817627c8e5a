import { operation } from './operation'

void operation

/** The workbench domain's operations; merged into `operations` (operations.ts). */
export const workbenchOperations = {} as const
