import type { Language, RecentProject } from '@shared/api/models'
import type { JobRegistry } from '../services/jobs/jobRegistry'
import type { EventBus } from './eventBus'
import type { ProjectSession } from './projectSession'

/** Native file dialogs; only the desktop host has them. */
export interface Dialogs {
  openFile(purpose: 'project' | 'import' | 'model'): Promise<string | null>
  saveFile(purpose: 'project' | 'export', defaultName?: string): Promise<string | null>
}

/** The desktop host's list of recently opened projects. */
export interface RecentProjects {
  list(): RecentProject[]
  touch(path: string, name: string): RecentProject[]
  remove(path: string): RecentProject[]
}

/** Files a browser sent to `castor serve` (PUT /api/upload), and files it may download. */
export interface FileExchange {
  uploadedPath(uploadId: string): string
  /** A path where an export for the browser should be written, and the URL that downloads it. */
  newDownload(fileName: string): { path: string; url: string }
}

/** Everything the handlers may use. Transports build one per host; handlers never import Electron or HTTP. */
export interface HostContext {
  transport: 'desktop' | 'web'
  canSwitchProjects: boolean
  version: string
  suggestedLanguage: Language
  project: ProjectSession
  jobs: JobRegistry
  events: EventBus
  recent: RecentProjects | null
  dialogs: Dialogs | null
  files: FileExchange | null
  /** Where the demo project lives for this host (created on first use). */
  demoProjectPath: string
  /**
   * `castor serve --new FILE` (or no file): the one file the owner may create, fill with the demo or upload a
   * project into from the start screen, while no project is open. Null elsewhere.
   */
  newProjectPath: string | null
}
