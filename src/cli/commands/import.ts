import fs from 'node:fs'
import path from 'node:path'
import { Command, Option } from 'commander'
import { CastorError } from '@shared/api/errors'
import { importFormats } from '@shared/api/formats'
import { mappingFromJson, parseMappingSpec, type ImportMapping } from '@shared/domain/importMapping'
import type { ImportFormat, ImportSummary, PolluxLibrary } from '@shared/api/models'
import { projectCounts } from '../../main/services/project/projectInfo'
import { printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { createProgress } from '../progress'
import { runCommand } from '../runCommand'

function describeSummary(summary: ImportSummary): string {
  const added = Object.entries(summary.added)
    .filter(([, count]) => count > 0)
    .map(([kind, count]) => `+${count} ${kind}`)
  return `${summary.file}: ${summary.rows} rows (${summary.format}), ${added.length ? added.join(', ') : 'nothing new'} in ${(summary.durationMs / 1000).toFixed(1)} s`
}

interface ImportCommandOptions {
  format: ImportFormat
  json?: boolean
  polluxCriteria?: boolean
  polluxTasks?: boolean
  map?: string
  mapFile?: string
}

/** `--map FIELD=COLUMN,…` or `--map-file mapping.json`: the column mapping for every input file, or none. */
function mappingOption(options: ImportCommandOptions): ImportMapping | null {
  if (options.map !== undefined && options.mapFile !== undefined) throw new CastorError('invalid-input', 'Give --map or --map-file, not both')
  if (options.map !== undefined) {
    try {
      return parseMappingSpec(options.map)
    } catch (error) {
      throw new CastorError('invalid-input', `--map ${options.map}: ${(error as Error).message}`, { field: 'map', value: options.map })
    }
  }
  if (options.mapFile === undefined) return null
  let text: string
  try {
    text = fs.readFileSync(options.mapFile, 'utf8')
  } catch {
    throw new CastorError('not-found', `${options.mapFile}: no such file`, { file: options.mapFile })
  }
  try {
    return mappingFromJson(JSON.parse(text))
  } catch (error) {
    throw new CastorError('invalid-input', `${options.mapFile}: ${(error as Error).message}`, { file: options.mapFile })
  }
}

/** What to import, in order: the built-in POLLUX taxonomies first (data rows find criteria in them), then the files. */
async function importPlan(inputs: string[], options: ImportCommandOptions) {
  const { polluxLibraryFile, polluxLibraryName } = await import('../../main/services/pollux/library')
  const libraries: PolluxLibrary[] = [
    ...(options.polluxCriteria ? (['pollux-criteria'] as const) : []),
    ...(options.polluxTasks ? (['pollux-tasks'] as const) : []),
  ]
  const plan = [
    ...libraries.map((library) => ({ file: polluxLibraryFile(library), format: library as ImportFormat, displayName: polluxLibraryName(library), library: true })),
    ...inputs.map((input) => ({ file: input, format: options.format, displayName: input, library: false })),
  ]
  if (plan.length === 0) throw new CastorError('invalid-input', 'Nothing to import: give input files, --pollux-criteria or --pollux-tasks')
  return plan
}

export function importCommand(): Command {
  return new Command('import')
    .description('import data files into a project, each in one transaction')
    .argument('<file>', 'the .castor project file')
    .argument('[inputs...]', 'files to import (JSONL, CSV, JSON, Parquet)')
    .addOption(new Option('--format <format>', 'input format').choices(importFormats).default('auto'))
    .option('--pollux-criteria', 'import the built-in POLLUX criteria library (criteria.json shipped with Castor) first')
    .option('--pollux-tasks', 'import the built-in POLLUX task taxonomy (tasks.json shipped with Castor) first')
    .option('--map <mapping>', 'read the inputs through a column mapping: FIELD=COLUMN,… with Castor\'s field names on the left (instruction_id=qid,instruction=prompt,answer=response); meta.NAME=COLUMN keeps a column as an instruction attribute NAME (criteria sets attach by it); columns left out are ignored')
    .option('--map-file <file>', 'the column mapping as a JSON object {"field": "column"}')
    .option('--json', 'print progress and the result as JSON lines')
    .action((file: string, inputs: string[], options: ImportCommandOptions) =>
      runCommand(options, async (mode) => {
        // Loaded on use, so that `castor info` starts fast.
        const { importFile } = await import('../../main/services/importers')
        const { savedMappingForFile } = await import('../../main/services/importers/savedMappings')
        const plan = await importPlan(inputs, options)
        const given = mappingOption(options)
        await withProject(file, {}, async (db) => {
          const summaries: ImportSummary[] = []
          for (const { file: input, format, displayName, library } of plan) {
            // A file whose columns had a mapping before is read with it again, unless a format or mapping is given.
            const saved = !library && !given && format === 'auto' ? await savedMappingForFile(db, input, displayName) : null
            if (saved && !mode.json) printLine(`${displayName}: using the column mapping saved with ${saved.source}`)
            const mapping = library ? undefined : (given ?? saved?.mapping ?? undefined)
            const progress = createProgress(mode, path.basename(displayName), 'bytes')
            try {
              summaries.push(await importFile(db, input, { format, onProgress: progress.update, displayName, mapping }))
            } finally {
              progress.stop()
            }
            if (!mode.json) printLine(describeSummary(summaries[summaries.length - 1]))
          }
          if (mode.json) printJson({ event: 'done', imports: summaries, counts: projectCounts(db) })
        })
      }),
    )
}
