import { Command, InvalidArgumentError, Option } from 'commander'
import { CastorError } from '@shared/api/errors'
import type { Db } from '../../main/services/db'
import { IdentitySpellings } from '../../main/services/project/identitySpellings'
import { printJson, printLine } from '../output'
import { withProject } from '../projectFile'
import { runCommand } from '../runCommand'
import { DEFAULT_PORT } from './serve'

const DEFAULT_BASE_URL = `http://127.0.0.1:${DEFAULT_PORT}`

function parseQuota(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('must be a whole number of answers')
  return Number(value)
}

/** An annotator named by id or by name (compared by identityKey). */
function findAnnotator(db: Db, who: string): number {
  const byName = db.prepare('SELECT id FROM annotators WHERE name = ?').pluck().get(new IdentitySpellings(db, 'annotators', 'name').spelling(who)) as number | undefined
  if (byName !== undefined) return byName
  if (/^\d+$/.test(who)) {
    const byId = db.prepare('SELECT id FROM annotators WHERE id = ?').pluck().get(Number(who)) as number | undefined
    if (byId !== undefined) return byId
  }
  throw new CastorError('not-found', `No annotator named or numbered ${JSON.stringify(who)}`)
}

const linkUrl = (baseUrl: string, path: string) => `${baseUrl.replace(/\/+$/, '')}${path}`

const baseUrlOption = () =>
  new Option('--base-url <url>', 'the address `castor serve` listens on, to print whole links').default(DEFAULT_BASE_URL)

/** `castor annotators add|list|link|revoke|remove FILE …`: the team and their personal sign-in links for `castor serve`. */
export function annotatorsCommand(): Command {
  const command = new Command('annotators').description('manage annotators, leads and their personal sign-in links for `castor serve`')

  command
    .command('add')
    .description('add an annotator (or a lead) and print their sign-in link')
    .argument('<file>', 'the .castor project file')
    .argument('<name>', 'display name (unique in the project)')
    .option('--lead', 'a lead: sees everyone’s work, progress, review and adjudication')
    .addOption(new Option('--language <lang>', 'UI language').choices(['ru', 'en']))
    .option('--quota <answers>', 'most answers this annotator gets in all', parseQuota)
    .option('--task <path...>', 'only answers to instructions under these task paths')
    .option('--group <group...>', 'only answers with criteria in these criterion groups')
    .addOption(baseUrlOption())
    .option('--json', 'print the annotator and link as JSON')
    .action(
      (
        file: string,
        name: string,
        options: { lead?: boolean; language?: 'ru' | 'en'; quota?: number; task?: string[]; group?: string[]; baseUrl: string; json?: boolean },
      ) =>
        runCommand(options, async (mode) => {
          const { addAnnotator } = await import('../../main/services/workbench/annotators')
          const result = await withProject(file, {}, (db) =>
            db
              .transaction(() =>
                addAnnotator(db, {
                  name: name.trim(),
                  role: options.lead ? 'lead' : 'annotator',
                  language: options.language ?? null,
                  quota: options.quota ?? null,
                  filters: { ...(options.task ? { tasks: options.task } : {}), ...(options.group ? { criterionGroups: options.group } : {}) },
                }),
              )
              .immediate(),
          )
          const url = linkUrl(options.baseUrl, result.link.path)
          if (mode.json) return printJson({ annotator: result.annotator, url })
          printLine(`${result.annotator.name} (${result.annotator.role}, id ${result.annotator.id})`)
          printLine(url)
        }),
    )

  command
    .command('list')
    .description('list the annotators and leads')
    .argument('<file>', 'the .castor project file')
    .option('--all', 'include removed annotators')
    .option('--json', 'print one JSON array')
    .action((file: string, options: { all?: boolean; json?: boolean }) =>
      runCommand(options, async (mode) => {
        const { listAnnotators } = await import('../../main/services/workbench/annotators')
        const rows = await withProject(file, { readOnly: true }, (db) => listAnnotators(db, options.all === true))
        if (mode.json) return printJson(rows)
        for (const a of rows) {
          const state = a.removed ? 'removed' : a.hasLink ? 'link active' : 'no link'
          printLine(`${String(a.id).padStart(4)}  ${a.name}  ${a.role}  ${a.done}/${a.assigned} answers  ${state}${a.quota !== null ? `  quota ${a.quota}` : ''}`)
        }
      }),
    )

  command
    .command('link')
    .description('issue a new sign-in link (the old one stops working) and print it')
    .argument('<file>', 'the .castor project file')
    .argument('<annotator>', 'name or id')
    .addOption(baseUrlOption())
    .option('--json', 'print the link as JSON')
    .action((file: string, who: string, options: { baseUrl: string; json?: boolean }) =>
      runCommand(options, async (mode) => {
        const { issueLink } = await import('../../main/services/workbench/identity')
        const link = await withProject(file, {}, (db) => db.transaction(() => issueLink(db, findAnnotator(db, who))).immediate())
        const url = linkUrl(options.baseUrl, link.path)
        if (mode.json) return printJson({ annotatorId: link.annotatorId, url })
        printLine(url)
      }),
    )

  command
    .command('revoke')
    .description('revoke every sign-in link of an annotator')
    .argument('<file>', 'the .castor project file')
    .argument('<annotator>', 'name or id')
    .action((file: string, who: string) =>
      runCommand({}, async () => {
        const { revokeAnnotator } = await import('../../main/services/workbench/annotators')
        const annotator = await withProject(file, {}, (db) => db.transaction(() => revokeAnnotator(db, findAnnotator(db, who))).immediate())
        printLine(`${annotator.name}: links revoked`)
      }),
    )

  command
    .command('remove')
    .description('remove an annotator: revoke their links and free their unfinished answers (submitted scores stay)')
    .argument('<file>', 'the .castor project file')
    .argument('<annotator>', 'name or id')
    .action((file: string, who: string) =>
      runCommand({}, async () => {
        const { removeAnnotator } = await import('../../main/services/workbench/annotators')
        const result = await withProject(file, {}, (db) => db.transaction(() => removeAnnotator(db, findAnnotator(db, who))).immediate())
        printLine(`${result.annotator.name}: removed, ${result.freedAnswers} unfinished answers freed`)
      }),
    )

  return command
}
