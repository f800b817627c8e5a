import { Command, InvalidArgumentError } from 'commander'
import { CastorError } from '@shared/api/errors'
import type { ControlItem } from '@shared/api/controlModels'
import type { Db } from '../../main/services/db'
import { printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { runCommand } from '../runCommand'

function parseItem(value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new InvalidArgumentError('must be an item id (a whole number, as in Browse’s address #/browse?item=ID)')
  return Number(value)
}

/** A reference score: a number, or `final` for the item's adjudicated final score. */
function parseScore(value: string): number | null {
  if (value === 'final') return null
  const score = Number(value)
  if (value.trim() === '' || !Number.isFinite(score)) throw new InvalidArgumentError('must be a score of the criterion, or `final` for the item’s final score')
  return score
}

/** A service error about one item, said with the item's id, criterion and answer model. */
function aboutItem(db: Db, itemId: number, error: unknown): unknown {
  if (!(error instanceof CastorError) || /^(No item|Item) \d+/.test(error.message)) return error
  const item = db
    .prepare('SELECT c.name AS criterion, r.model FROM items it JOIN criteria c ON c.id = it.criterion_id JOIN responses r ON r.id = it.response_id WHERE it.id = ?')
    .get(itemId) as { criterion: string; model: string } | undefined
  const what = item ? ` (${item.criterion}, ${item.model})` : ''
  return new CastorError(error.code, `Item ${itemId}${what}: ${error.message}`, error.location)
}

const controlLine = (control: ControlItem) =>
  `${String(control.itemId).padStart(6)}  ${control.score}  ${control.criterionName}  ${control.model}  ${control.source}${control.note ? `  ${control.note}` : ''}`

/** `castor controls list|set|remove FILE …`: a lead's control items from the command line (the services Team → Controls uses). */
export function controlsCommand(): Command {
  const command = new Command('controls').description('list, mark and unmark control items (items with a known reference score)')

  command
    .command('list')
    .description('list the control items: item id, reference score, criterion, answer model, source, note')
    .argument('<file>', 'the .castor project file')
    .option('--json', 'print one JSON array')
    .action((file: string, options: { json?: boolean }) =>
      runCommand(options, async (mode) => {
        const { listControls } = await import('../../main/services/workbench/controls')
        const rows = await withProject(file, { readOnly: true }, (db) => {
          const total = db.prepare('SELECT count(*) FROM control_items').pluck().get() as number
          return listControls(db, { offset: 0, limit: Math.max(1, total) }).rows
        })
        if (mode.json) return printJson(rows)
        if (rows.length === 0) return printLine('No control items.')
        for (const row of rows) printLine(controlLine(row))
      }),
    )

  command
    .command('set')
    .description('mark an item as a control with a reference score (a level of its criterion), or `final` for its final score')
    .argument('<file>', 'the .castor project file')
    .argument('<item>', 'item id', parseItem)
    .argument('<score>', 'the reference score, or `final`', parseScore)
    .option('--note <text>', 'why this is the reference (shown to annotators only when feedback is on)', '')
    .option('--by <name>', 'who marked it', 'CLI')
    .option('--json', 'print the control item as JSON')
    .action((file: string, itemId: number, score: number | null, options: { note: string; by: string; json?: boolean }) =>
      runCommand(options, async (mode) => {
        const { markControl } = await import('../../main/services/workbench/controls')
        const control = await withProject(file, {}, (db) => {
          try {
            return db.transaction(() => markControl(db, { itemId, score, note: options.note }, options.by)).immediate()
          } catch (error) {
            throw aboutItem(db, itemId, error)
          }
        })
        if (mode.json) return printJson(control)
        printLine(controlLine(control))
      }),
    )

  command
    .command('remove')
    .description('unmark a control item (the scores given on it count for agreement again)')
    .argument('<file>', 'the .castor project file')
    .argument('<item>', 'item id', parseItem)
    .option('--json', 'print { itemId, removed } as JSON')
    .action((file: string, itemId: number, options: { json?: boolean }) =>
      runCommand(options, async (mode) => {
        const { unmarkControl } = await import('../../main/services/workbench/controls')
        const removed = await withProject(file, {}, (db) => {
          if (!db.prepare('SELECT 1 FROM items WHERE id = ?').get(itemId)) throw new CastorError('not-found', `No item ${itemId}`, { field: 'item', value: itemId })
          return db.transaction(() => unmarkControl(db, itemId)).immediate()
        })
        if (!removed) throw new CastorError('not-found', `Item ${itemId} is not a control item`, { field: 'item', value: itemId })
        if (mode.json) return printJson({ itemId, removed })
        printLine(`Item ${itemId}: no longer a control`)
      }),
    )

  return command
}
