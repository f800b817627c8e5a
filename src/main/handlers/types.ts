import type { Caller } from '@shared/api/access'
import type { OperationName, OperationOutput, ParsedInput } from '@shared/api/operations'
import type { HostContext } from '../host/context'

/** Implements one operation. `caller` is who the transport authenticated; scope reads and writes by it. */
export type Handler<K extends OperationName> = (
  input: ParsedInput<K>,
  context: HostContext,
  caller: Caller,
) => OperationOutput<K> | Promise<OperationOutput<K>>

/** A domain's handlers: a subset of the contract's operations. */
export type HandlerMap<K extends OperationName = OperationName> = { [P in K]: Handler<P> }
