import { openProject } from './src/main/services/db'
import { importFile } from './src/main/services/importers'
import { projectCounts } from './src/main/services/project/projectInfo'
import fs from 'node:fs'
const f = '/tmp/smoke.castor'; fs.rmSync(f, {force: true}); fs.rmSync(f+'-wal', {force: true}); fs.rmSync(f+'-shm', {force: true})
const db = openProject(f, { create: true })
for (const file of process.argv.slice(2)) {
  try { const s = await importFile(db, file); console.log(JSON.stringify(s)) } catch (e) { console.log('ERR', (e as Error).message, JSON.stringify((e as any).location)) }
  console.log(projectCounts(db))
}
