import fs from 'node:fs'
import Database from 'better-sqlite3'

/** The floor of an import: the least any importer must do. Castor's import is measured against these. */

/** Streams the file, splits buffers on newlines and JSON.parses every line. Returns the number of rows. */
export async function bareParse(file: string): Promise<number> {
  let rows = 0
  let rest: Buffer | null = null
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 4 << 20 }) as AsyncIterable<Buffer>) {
    const data: Buffer = rest ? Buffer.concat([rest, chunk]) : chunk
    let start = 0
    for (let end = data.indexOf(10, start); end !== -1; end = data.indexOf(10, start)) {
      if (end > start) {
        JSON.parse(data.toString('utf8', start, end))
        rows++
      }
      start = end + 1
    }
    rest = start < data.length ? data.subarray(start) : null
  }
  if (rest && rest.length) {
    JSON.parse(rest.toString('utf8'))
    rows++
  }
  return rows
}

/** A prepared INSERT of `rows` score rows (ids, score, a rationale of realistic length) in one transaction. */
export function bareInsertLoop(file: string, rows: number): void {
  const db = new Database(file)
  db.pragma('journal_mode = WAL')
  db.pragma('synchronous = NORMAL')
  db.exec('CREATE TABLE scores (item_id INTEGER NOT NULL, annotator_id INTEGER NOT NULL, score REAL, rationale TEXT)')
  const insert = db.prepare('INSERT INTO scores VALUES (?, ?, ?, ?)')
  const rationale = 'Ответ логичен и последовательно раскрывает тему, но пропущены важные детали задания.'
  db.transaction(() => {
    for (let i = 0; i < rows; i++) insert.run(i >> 1, i & 1, i % 3, rationale)
  })()
  db.close()
}
