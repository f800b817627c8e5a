import fs from 'node:fs'
import { openProject } from './src/main/services/db'
import { importFile } from './src/main/services/importers'
const f = '/tmp/msg.castor'; for (const s of ['', '-wal', '-shm']) fs.rmSync(f + s, { force: true })
const db = openProject(f, { create: true })
await importFile(db, 'test/fixtures/import/generic.jsonl')
const row = (o: object) => JSON.stringify({ instruction_id: 'i1', instruction: 'Объясни, почему небо голубое.', model: 'GigaChat', answer: 'Небо голубое, потому что короткие волны рассеиваются сильнее.', criterion: 'logic', annotator: 'Вера', score: 1, ...o })
const cases: Record<string, string | Buffer> = {
  'a.jsonl': row({}) + '\n{bad\n',
  'b.jsonl': row({ score: 5 }) + '\n',
  'c.jsonl': row({ rubric: '0: Нет.\n1: Да.' }) + '\n',
  'd.jsonl': row({}) + '\n' + row({}) + '\n',
  'e.jsonl': row({ instruction: 'Другое' }) + '\n',
  'f.csv': 'instruction_id,instruction,model,anser,criterion,annotator,score,comment\n',
  'g.jsonl': row({ criterion: 'zzz' }) + '\n',
  'h.jsonl': Buffer.concat([Buffer.from(row({}) + '\n'), Buffer.from([0xcf, 0xf0, 0x0a])]),
}
for (const [name, content] of Object.entries(cases)) {
  fs.writeFileSync('/tmp/' + name, content)
  try { await importFile(db, '/tmp/' + name) } catch (e) { console.log(name, (e as any).code, (e as Error).message, JSON.stringify((e as any).location)) }
}
