import { z } from 'zod'

/**
 * Who may call an operation. `owner`: the desktop user or the holder of `castor serve`'s owner token (everything).
 * `lead`: owners and leads (all annotators' work, progress, review, judges, analytics).
 * `member`: anyone signed in, annotators included (their own work only; handlers scope by caller).
 */
export const Access = z.enum(['owner', 'lead', 'member'])
export type Access = z.infer<typeof Access>

/** The identity a transport resolved for a call; handlers never trust a name the client sends. */
export const Caller = z.discriminatedUnion('role', [
  z.object({ role: z.literal('owner') }),
  z.object({ role: z.enum(['lead', 'annotator']), annotatorId: z.number().int().positive(), name: z.string() }),
])
export type Caller = z.infer<typeof Caller>

export const OWNER: Caller = Object.freeze({ role: 'owner' })

export function mayCall(caller: Caller, access: Access): boolean {
  if (caller.role === 'owner') return true
  if (caller.role === 'lead') return access !== 'owner'
  return access === 'member'
}
