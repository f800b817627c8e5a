import type { z } from 'zod'
import type { Access } from './access'

export interface OperationSpec<I extends z.ZodType, O extends z.ZodType> {
  input: I
  output: O
  access: Access
}

/** Declares one operation of the contract: its input and output schemas and who may call it. */
export const operation = <I extends z.ZodType, O extends z.ZodType>(input: I, output: O, access: Access = 'owner'): OperationSpec<I, O> => ({
  input,
  output,
  access,
})
