import path from 'node:path'
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import { openProject } from './src/main/services/db'
import { importFile } from './src/main/services/importers'
const dir = '/tmp/castor-bench-imp'
const file = path.join(dir, `b1000.jsonl`)
for (const f of ['q.castor', 'q.castor-wal', 'q.castor-shm']) fs.rmSync(path.join(dir, f), { force: true })
const db = openProject(path.join(dir, 'q.castor'), { create: true })
const t = performance.now(); await importFile(db, file, { format: 'generic-jsonl' }); console.log(performance.now() - t)
db.close()
