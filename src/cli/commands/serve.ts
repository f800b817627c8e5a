import fs from 'node:fs'
import { Command, InvalidArgumentError } from 'commander'
import { CastorError } from '@shared/api/errors'
import { printLine } from '../output'
import { runCommand } from '../runCommand'
import { acquireServeLock, describeHolder } from '../serveLock'

export const DEFAULT_PORT = 4817

function parsePort(value: string): number {
  const port = Number(value)
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError('must be a whole number from 0 to 65535 (0 picks a free port)')
  return port
}

/** With no file: the first of project.castor, project-2.castor, … in the current folder that does not exist. */
function freshProjectName(): string {
  for (let n = 1; ; n++) {
    const name = n === 1 ? 'project.castor' : `project-${n}.castor`
    if (!fs.existsSync(name)) return name
  }
}

export function serveCommand(): Command {
  return new Command('serve')
    .description('serve a project to browsers over HTTP (prints the URL with its access token on the first line)')
    .argument('[file]', 'the .castor project file (none: a new project.castor here, made from the browser)')
    .option('--new <file>', 'serve a project that does not exist yet: the browser\'s start screen creates it (empty, the demo, or an uploaded project)')
    .option('--port <port>', 'port to listen on (0 picks a free one)', parsePort, DEFAULT_PORT)
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--read-only', 'open the project read-only: browse and export, no imports')
    .action((given: string | undefined, options: { port: number; host: string; readOnly?: boolean; new?: string }) =>
      runCommand({}, async () => {
        if (given !== undefined && options.new !== undefined) throw new CastorError('invalid-input', 'Give the project file or --new FILE, not both')
        const create = given === undefined
        const file = given ?? options.new ?? freshProjectName()
        // Loaded here so that the other commands do not load the HTTP stack.
        const { startServer } = await import('../../main/transports/http/server')
        const server = await startServer({ projectPath: file, host: options.host, port: options.port, readOnly: options.readOnly === true, create })
        printLine(server.url)
        if (create) process.stderr.write(`castor serve: no project yet; the start screen in the browser creates ${file}\n`)
        const lock = acquireServeLock(file, server.baseUrl)
        process.once('exit', lock.release)
        if (lock.holder) process.stderr.write(describeHolder(file, lock.holder))
        // The URL carries the access token: it is printed once, above, and nowhere else.
        process.stderr.write('castor serve: open the URL above in a browser; press Ctrl+C to stop\n')
        process.stderr.write(`castor serve: annotators sign in with their own links: castor annotators link ${file} NAME --base-url ${server.baseUrl}\n`)
        await new Promise<void>((resolve) => {
          let stopping = false
          const stop = () => {
            if (stopping) return
            stopping = true
            server.close().then(resolve, (error: unknown) => {
              process.stderr.write(`castor serve: ${(error as Error).message}\n`)
              process.exitCode = 1
              resolve()
            })
          }
          process.once('SIGINT', stop)
          process.once('SIGTERM', stop)
        })
        lock.release()
        // Should a client connection linger past close(), do not hang: exit shortly after (unref: never waits alone).
        setTimeout(() => process.exit(), 2000).unref()
      }),
    )
}
