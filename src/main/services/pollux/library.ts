import path from 'node:path'
import type { PolluxLibrary } from '@shared/api/models'
import { resourcesDir } from '../resources'

const libraryFiles: Record<PolluxLibrary, string> = {
  'pollux-criteria': 'criteria.json',
  'pollux-tasks': 'tasks.json',
}

/** The POLLUX taxonomies shipped with Castor (resources/pollux); CASTOR_POLLUX_DIR points elsewhere. */
export function polluxDir(): string {
  return process.env.CASTOR_POLLUX_DIR ? path.resolve(process.env.CASTOR_POLLUX_DIR) : path.join(resourcesDir(), 'pollux')
}

/** The file of a built-in library; it is imported with the format of the same name. */
export function polluxLibraryFile(library: PolluxLibrary): string {
  return path.join(polluxDir(), libraryFiles[library])
}

/** How a library import is named in messages and the imports table. */
export function polluxLibraryName(library: PolluxLibrary): string {
  return `pollux/${libraryFiles[library]}`
}
