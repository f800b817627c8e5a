import fs from 'node:fs'
import { CastorError } from '@shared/api/errors'
import type { ProjectInfo } from '@shared/api/models'
import type { HostContext } from '../host/context'
import { createDemoProject } from '../services/demo/demoProject'
import { requireNoRunningImport } from './guards'
import { projectInfoFor } from './projectInfoView'
import type { HandlerMap } from './types'

function requireSwitching(context: HostContext): void {
  if (!context.canSwitchProjects) {
    throw new CastorError('forbidden', 'This server serves one project; open another with `castor serve OTHER.castor`')
  }
  requireNoRunningImport(context, 'switch projects')
}

/** Puts a project just opened at the top of the recent list, and answers with its info. */
function remember(context: HostContext, info: ProjectInfo): ProjectInfo {
  context.recent?.touch(info.path, info.name)
  return info
}

export const appHandlers: HandlerMap<
  | 'app-state'
  | 'project-info'
  | 'project-open'
  | 'project-create'
  | 'project-open-demo'
  | 'project-close'
  | 'recent-remove'
  | 'dialog-open-file'
  | 'dialog-save-file'
> = {
  'app-state': (_input, context, caller) => ({
    transport: context.transport,
    canSwitchProjects: context.canSwitchProjects,
    project: context.project.current() ? projectInfoFor(caller, context.project.info()) : null,
    recent: context.recent?.list() ?? [],
    suggestedLanguage: context.suggestedLanguage,
    version: context.version,
  }),
  'project-info': (_input, context, caller) => projectInfoFor(caller, context.project.info()),
  'project-open': ({ path, readOnly }, context) => {
    requireSwitching(context)
    return remember(context, context.project.open(path, { readOnly }))
  },
  'project-create': ({ path }, context) => {
    requireSwitching(context)
    if (fs.existsSync(path)) throw new CastorError('conflict', `${path} already exists; open it instead`, { file: path })
    return remember(context, context.project.open(path, { create: true }))
  },
  'project-open-demo': async (_input, context) => {
    requireSwitching(context)
    if (!fs.existsSync(context.demoProjectPath)) await createDemoProject(context.demoProjectPath)
    return remember(context, context.project.open(context.demoProjectPath))
  },
  'project-close': (_input, context) => {
    requireSwitching(context)
    context.project.close()
    return null
  },
  'recent-remove': ({ path }, context) => context.recent?.remove(path) ?? [],
  'dialog-open-file': async ({ purpose }, context) => {
    if (!context.dialogs) throw new CastorError('unsupported', 'File dialogs exist only in the desktop app')
    return { path: await context.dialogs.openFile(purpose) }
  },
  'dialog-save-file': async ({ purpose, defaultName }, context) => {
    if (!context.dialogs) throw new CastorError('unsupported', 'File dialogs exist only in the desktop app')
    return { path: await context.dialogs.saveFile(purpose, defaultName) }
  },
}
