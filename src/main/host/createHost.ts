import type { Language } from '@shared/api/models'
import { JobRegistry } from '../services/jobs/jobRegistry'
import type { Dialogs, FileExchange, HostContext, RecentProjects } from './context'
import { EventBus } from './eventBus'
import { ProjectSession } from './projectSession'

declare const __CASTOR_VERSION__: string | undefined

export interface HostOptions {
  transport: HostContext['transport']
  canSwitchProjects: boolean
  demoProjectPath: string
  suggestedLanguage?: Language
  recent?: RecentProjects | null
  dialogs?: Dialogs | null
  files?: FileExchange | null
  newProjectPath?: string | null
}

/** Suggest Russian when the OS locale is Russian (or a neighbour that reads it), English otherwise. */
export function languageFromLocale(locale: string | undefined): Language {
  return /^(ru|be|uk|kk|ky)\b/i.test(locale ?? '') ? 'ru' : 'en'
}

export function createHost(options: HostOptions): HostContext {
  const events = new EventBus()
  const jobs = new JobRegistry()
  jobs.onChange((job) => events.emit('job-progress', job))
  return {
    transport: options.transport,
    canSwitchProjects: options.canSwitchProjects,
    version: typeof __CASTOR_VERSION__ === 'string' ? __CASTOR_VERSION__ : '0.0.0-dev',
    suggestedLanguage: options.suggestedLanguage ?? languageFromLocale(Intl.DateTimeFormat().resolvedOptions().locale),
    project: new ProjectSession(events),
    jobs,
    events,
    recent: options.recent ?? null,
    dialogs: options.dialogs ?? null,
    files: options.files ?? null,
    demoProjectPath: options.demoProjectPath,
    newProjectPath: options.newProjectPath ?? null,
  }
}
