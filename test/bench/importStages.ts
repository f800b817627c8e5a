import { performance } from 'node:perf_hooks'
import { openProject } from '../../src/main/services/db'
import { asRecord } from '../../src/main/services/importers/fields'
import { normaliseGenericRecord } from '../../src/main/services/importers/formats/generic'
import type { InputFile } from '../../src/main/services/importers/importErrors'
import { ProjectWriter } from '../../src/main/services/importers/projectWriter'
import type { ScoreRow } from '../../src/main/services/importers/rows'
import { blockLines } from '../../src/main/services/importers/sources/blockLines'
import { readTextBlocks } from '../../src/main/services/importers/sources/textBlocks'

export interface ImportStages {
  /** Streaming the file and checking its UTF-8, block by block. */
  read: number
  /** Decoding blocks into lines of text (sources/blockLines.ts). */
  split: number
  parse: number
  /** Rows checked and normalised (normaliseGenericRecord). */
  normalise: number
  /** Instruction, answer, criterion, item and annotator ids found or created. */
  resolve: number
  /** The score written (upsert, checks), ids already resolved. */
  insert: number
}

/** The writer's resolution steps, private to it: called here one stage at a time. */
interface Resolution {
  instruction(fields: ScoreRow['instruction'], position: number, field: string): number
  response(instructionId: number, model: string, text: string, position: number, field: string): number
  item(responseId: number, criterionId: number, goldScore: number | null): number
  annotator(name: string): number
}

/**
 * Castor's generic JSONL import taken apart into its stages, in this thread, one stage over a whole block before
 * the next, into a project whose transaction is rolled back. The stages add up to what one thread would spend;
 * the real import splits them between the worker (read … normalise) and this thread (resolve, insert).
 */
export async function importStages(file: string, project: string): Promise<ImportStages & { rows: number }> {
  const times: ImportStages = { read: 0, split: 0, parse: 0, normalise: 0, resolve: 0, insert: 0 }
  const input: InputFile = { name: file, unit: 'line' }
  const db = openProject(project, { create: true })
  db.pragma('cache_size = -32768')
  db.exec('BEGIN IMMEDIATE')
  let rows = 0
  try {
    const importId = db.prepare("INSERT INTO imports (source, format, rows) VALUES (?, 'generic-jsonl', 0) RETURNING id").pluck().get(file) as number
    const writer = new ProjectWriter(db, input, importId)
    const resolution = writer as unknown as Resolution
    let mark = performance.now()
    const lap = (stage: keyof ImportStages) => {
      const now = performance.now()
      times[stage] += now - mark
      mark = now
    }
    await readTextBlocks(file, input, (bytes, firstLine) => {
      lap('read')
      const lines = blockLines(bytes).filter((line) => line.length > 0)
      lap('split')
      const values = lines.map((line) => JSON.parse(line) as unknown)
      lap('parse')
      const scoreRows = values.map((value, k) => normaliseGenericRecord(input, asRecord(input, firstLine + k, value), firstLine + k))
      lap('normalise')
      for (const [k, row] of scoreRows.entries()) {
        const instructionId = resolution.instruction(row.instruction, firstLine + k, row.fields.instruction)
        const responseId = resolution.response(instructionId, row.model, row.answer, firstLine + k, row.fields.answer)
        const criterion = writer.criterion(row.criterion, firstLine + k, row.fields)
        resolution.item(responseId, criterion.id, row.goldScore)
        if (row.rater?.kind === 'annotator') resolution.annotator(row.rater.name)
      }
      lap('resolve')
      for (const [k, row] of scoreRows.entries()) writer.writeScoreRow(row, firstLine + k)
      lap('insert')
      rows += scoreRows.length
    })
  } finally {
    db.exec('ROLLBACK')
    db.close()
  }
  return { ...times, rows }
}
