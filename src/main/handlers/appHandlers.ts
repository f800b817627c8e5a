import fs from 'node:fs'
import { CastorError } from '@shared/api/errors'
import type { ProjectInfo } from '@shared/api/models'
import type { HostContext } from '../host/context'
import { createDemoProject } from '../services/demo/demoProject'
import { requireNoRunningImport } from './guards'
import { projectInfoFor } from './projectInfoView'
import type { HandlerMap } from './types'

/** `castor serve --new`: no project yet, and this file is the one the owner may make. */
function servedNewFile(context: HostContext): string | null {
  return context.newProjectPath !== null && !context.project.current() ? context.newProjectPath : null
}

function requireSwitching(context: HostContext): void {
  if (!context.canSwitchProjects && !servedNewFile(context)) {
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
  | 'project-open-upload'
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
    newProjectFile: caller.role === 'owner' ? servedNewFile(context) : null,
  }),
  'project-info': (_input, context, caller) => projectInfoFor(caller, context.project.info()),
  'project-open': ({ path, readOnly }, context) => {
    if (!context.canSwitchProjects) throw new CastorError('forbidden', 'Over HTTP, open a project by uploading it')
    requireSwitching(context)
    return remember(context, context.project.open(path, { readOnly }))
  },
  'project-create': ({ path }, context) => {
    requireSwitching(context)
    const served = servedNewFile(context)
    if (!context.canSwitchProjects && path !== served) throw new CastorError('forbidden', `This server creates only ${served}`, { file: path })
    if (fs.existsSync(path)) throw new CastorError('conflict', `${path} already exists; open it instead`, { file: path })
    return remember(context, context.project.open(path, { create: true }))
  },
  'project-open-demo': async (_input, context) => {
    requireSwitching(context)
    // Served with --new: the demo becomes the new project file itself, since this server serves one file.
    const file = servedNewFile(context) ?? context.demoProjectPath
    if (!fs.existsSync(file)) await createDemoProject(file)
    return remember(context, context.project.open(file))
  },
  'project-close': (_input, context) => {
    requireSwitching(context)
    context.project.close()
    return null
  },
  'project-open-upload': ({ uploadId }, context) => {
    const served = servedNewFile(context)
    if (!served || !context.files) throw new CastorError('forbidden', 'Only `castor serve --new` opens an uploaded project')
    requireNoRunningImport(context, 'switch projects')
    fs.copyFileSync(context.files.uploadedPath(uploadId), served, fs.constants.COPYFILE_EXCL)
    try {
      return context.project.open(served)
    } catch (error) {
      fs.rmSync(served, { force: true })
      throw error
    }
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
