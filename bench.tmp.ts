import path from 'node:path'
import fs from 'node:fs'
import { performance } from 'node:perf_hooks'
import { writeBenchJsonl, fullShape, rowCount } from './test/bench/benchData'
import { bareParse, bareInsertLoop } from './test/bench/floor'
import { openProject } from './src/main/services/db'
import { importFile } from './src/main/services/importers'
const dir = '/tmp/castor-bench-imp'; fs.mkdirSync(dir, { recursive: true })
const shape = { ...fullShape, instructions: Number(process.argv[2] ?? 1000) }
const file = path.join(dir, `b${shape.instructions}.jsonl`)
if (!fs.existsSync(file)) await writeBenchJsonl(file, shape)
let t = performance.now(); const rows = await bareParse(file); const parseMs = performance.now() - t
fs.rmSync(path.join(dir, 'floor.sqlite'), { force: true }); fs.rmSync(path.join(dir, 'floor.sqlite-wal'), { force: true })
t = performance.now(); bareInsertLoop(path.join(dir, 'floor.sqlite'), rows); const insMs = performance.now() - t
for (const f of ['p.castor', 'p.castor-wal', 'p.castor-shm']) fs.rmSync(path.join(dir, f), { force: true })
const db = openProject(path.join(dir, 'p.castor'), { create: true })
t = performance.now(); await importFile(db, file, { format: 'generic-jsonl' }); const impMs = performance.now() - t
db.close()
console.log({ rows, parseMs: Math.round(parseMs), insMs: Math.round(insMs), floor: Math.round(parseMs + insMs), impMs: Math.round(impMs), ratio: (impMs / (parseMs + insMs)).toFixed(2), rssMb: Math.round(process.resourceUsage().maxRSS / 1024) })
