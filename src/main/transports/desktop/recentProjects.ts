import fs from 'node:fs'
import path from 'node:path'
import { z } from 'zod'
import { RecentProject } from '@shared/api/models'
import type { RecentProjects } from '../../host/context'

const MAX_RECENT = 12

/**
 * The desktop app's recently opened projects, newest first, kept as JSON (userData/recent.json).
 * A missing or damaged file reads as an empty list; writes replace the file atomically.
 */
export function recentProjectsFile(file: string, now: () => Date = () => new Date()): RecentProjects {
  const read = (): RecentProject[] => {
    try {
      const parsed = z.array(RecentProject).safeParse(JSON.parse(fs.readFileSync(file, 'utf8')))
      return parsed.success ? parsed.data : []
    } catch {
      return []
    }
  }
  const write = (list: RecentProject[]): RecentProject[] => {
    fs.mkdirSync(path.dirname(file), { recursive: true })
    const temp = `${file}.${process.pid}.tmp`
    fs.writeFileSync(temp, JSON.stringify(list, null, 2))
    fs.renameSync(temp, file)
    return list
  }
  const same = (a: string, b: string) => path.resolve(a) === path.resolve(b)
  return {
    list: read,
    touch: (projectPath, name) =>
      write(
        [{ path: path.resolve(projectPath), name, openedAt: now().toISOString() }, ...read().filter((p) => !same(p.path, projectPath))].slice(
          0,
          MAX_RECENT,
        ),
      ),
    remove: (projectPath) => write(read().filter((p) => !same(p.path, projectPath))),
  }
}
