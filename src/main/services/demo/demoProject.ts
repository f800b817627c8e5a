import fs from 'node:fs'
import path from 'node:path'
import type { ImportFormat } from '@shared/api/models'
import { openProject } from '../db'
import { importFile } from '../importers'
import { resourcesDir } from '../resources'

export const DEMO_PROJECT_NAME = 'Демо POLLUX'

/** The demo's files in import order: POLLUX criteria and tasks first, so the data rows find them by external id. */
export function demoFiles(): { file: string; format: ImportFormat }[] {
  const dir = path.join(resourcesDir(), 'demo')
  return [
    { file: path.join(dir, 'criteria.json'), format: 'pollux-criteria' },
    { file: path.join(dir, 'tasks.json'), format: 'pollux-tasks' },
    { file: path.join(dir, 'demo.jsonl'), format: 'generic-jsonl' },
  ]
}

/**
 * Creates the Russian demo project (resources/demo) at `file`. It is built beside the target and moved into place
 * when complete, so a failed import leaves no half-made demo that would later be opened as if it were whole.
 */
export async function createDemoProject(file: string): Promise<void> {
  const target = path.resolve(file)
  const partial = path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`)
  removeDatabaseFiles(partial)
  const db = openProject(partial, { create: true })
  try {
    for (const { file: source, format } of demoFiles()) {
      await importFile(db, source, { format, displayName: `demo/${path.basename(source)}` })
    }
    db.prepare("INSERT INTO project_meta (key, value) VALUES ('name', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(DEMO_PROJECT_NAME)
  } catch (error) {
    db.close()
    removeDatabaseFiles(partial)
    throw error
  }
  db.close()
  fs.renameSync(partial, target)
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ['', '-wal', '-shm', '-journal']) fs.rmSync(file + suffix, { force: true })
}
