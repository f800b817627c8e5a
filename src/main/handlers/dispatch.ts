import { mayCall, OWNER, type Caller } from '@shared/api/access'
import type { Reply } from '@shared/api/client'
import { CastorError, serializeError } from '@shared/api/errors'
import { isOperationName, operations, type OperationName } from '@shared/api/operations'
import type { HostContext } from '../host/context'
import { handlers } from './index'
import type { Handler } from './types'

function describeIssues(error: { issues: { path: PropertyKey[]; message: string }[] }): { message: string; field?: string } {
  const issue = error.issues[0]
  const field = issue.path.map(String).join('.')
  const message = error.issues.map((i) => (i.path.length ? `${i.path.map(String).join('.')}: ${i.message}` : i.message)).join('; ')
  return { message, field: field || undefined }
}

/**
 * The one entry point of every transport: checks the operation name and its input against the shared
 * schemas and who may call it, runs the handler, and answers with a reply envelope (errors as data, with a
 * stable code). The desktop window is the owner; `castor serve` resolves the caller from the request's token.
 */
export async function dispatch(context: HostContext, name: string, rawInput: unknown, caller: Caller = OWNER): Promise<Reply<unknown>> {
  try {
    if (!isOperationName(name)) throw new CastorError('not-found', `Unknown operation ${JSON.stringify(name).slice(0, 100)}`)
    if (!mayCall(caller, operations[name].access)) throw new CastorError('forbidden', `${name} is not open to ${caller.role}s`)
    const parsed = operations[name].input.safeParse(rawInput ?? {})
    if (!parsed.success) {
      const { message, field } = describeIssues(parsed.error)
      throw new CastorError('invalid-input', `${name}: ${message}`, field ? { field } : undefined)
    }
    const handler = handlers[name] as Handler<OperationName>
    const result = await handler(parsed.data as never, context, caller)
    return { ok: true, result }
  } catch (error) {
    return { ok: false, error: serializeError(busyAsCastorError(error, context)) }
  }
}

/**
 * SQLite answers SQLITE_BUSY once the busy timeout has passed while another connection (another process, usually)
 * held the write lock: that is a reason to try again, not an internal error.
 */
function busyAsCastorError(error: unknown, context: HostContext): unknown {
  const code = (error as { code?: unknown } | null)?.code
  if (typeof code !== 'string' || !/^SQLITE_(BUSY|LOCKED)/.test(code)) return error
  const file = context.project.current()?.path
  return new CastorError('busy', `${file ?? 'The project'} is busy: another process is writing to it; try again in a moment`, file ? { file } : undefined)
}
