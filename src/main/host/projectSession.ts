import type { ProjectInfo } from '@shared/api/models'
import { CastorError } from '@shared/api/errors'
import { openProject, projectFileOf, type Db, type OpenOptions } from '../services/db'
import { projectInfo } from '../services/project/projectInfo'
import type { EventBus } from './eventBus'

export interface OpenProject {
  db: Db
  path: string
}

/** The one project a host has open. Opening another closes the first. */
export class ProjectSession {
  private currentProject: OpenProject | null = null

  constructor(private readonly events: EventBus) {}

  current(): OpenProject | null {
    return this.currentProject
  }

  require(): OpenProject {
    if (!this.currentProject) throw new CastorError('no-project', 'No project is open')
    return this.currentProject
  }

  requireWritable(): OpenProject {
    const project = this.require()
    if (project.db.readonly) throw new CastorError('read-only', `${project.path} is open read-only`)
    return project
  }

  open(path: string, options: OpenOptions = {}): ProjectInfo {
    const db = openProject(path, options)
    this.close()
    this.currentProject = { db, path: projectFileOf(db) }
    return this.changed()
  }

  info(): ProjectInfo {
    const { db, path } = this.require()
    return projectInfo(db, path)
  }

  /** Tell every client the project's counts changed (after an import, say). */
  changed(): ProjectInfo {
    const info = this.info()
    this.events.emit('project-changed', info)
    return info
  }

  close(): void {
    if (!this.currentProject) return
    this.currentProject.db.close()
    this.currentProject = null
    this.events.emit('project-changed', null)
  }
}
