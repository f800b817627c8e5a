import type { Caller } from '@shared/api/access'
import type { ProjectInfo } from '@shared/api/models'

/**
 * What a caller is told about the open project: the owner sees where the file lies; annotators and leads (people
 * signed in with a link, on other machines) get the project's name in place of its path.
 */
export function projectInfoFor(caller: Caller, info: ProjectInfo): ProjectInfo
export function projectInfoFor(caller: Caller, info: ProjectInfo | null): ProjectInfo | null
export function projectInfoFor(caller: Caller, info: ProjectInfo | null): ProjectInfo | null {
  if (!info || caller.role === 'owner') return info
  return { ...info, path: info.name }
}
