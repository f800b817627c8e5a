import type { OperationName, OperationOutput, ParsedInput } from '@shared/api/operations'
import type { HostContext } from '../host/context'

export type Handler<K extends OperationName> = (
  input: ParsedInput<K>,
  context: HostContext,
) => OperationOutput<K> | Promise<OperationOutput<K>>

/** A domain's handlers: a subset of the contract's operations. */
export type HandlerMap<K extends OperationName = OperationName> = { [P in K]: Handler<P> }
