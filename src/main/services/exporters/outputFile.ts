import fs from 'node:fs'
import path from 'node:path'
import { once } from 'node:events'
import { CastorError } from '@shared/api/errors'

const HIGH_WATER_MARK = 1 << 20

/** Where an export is written until it is complete; the target appears only when the export succeeds. */
export function partialPathOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`)
}

export interface TargetPolicy {
  /** Replace an existing regular file (`--force`, or a save dialog that already asked). */
  overwrite?: boolean
  /** The project being exported: never written over, nor its -wal/-shm. */
  projectFile?: string
}

/**
 * Refuses an output path that would destroy something: the project file or its -wal/-shm (compared by path after
 * resolving links, and by inode), a symlink, anything but a regular file (FIFO, device, folder), and an existing
 * file unless `overwrite`. Returns the absolute path.
 */
export function checkTarget(target: string, policy: TargetPolicy = {}): string {
  const resolved = path.resolve(target)
  const existing = lstatOrNull(resolved)
  if (policy.projectFile && isProjectOrSidecar(resolved, existing, policy.projectFile)) {
    throw new CastorError('invalid-input', `${resolved} is the project file (or its -wal/-shm); write the export somewhere else`, { file: resolved })
  }
  if (!existing) return resolved
  if (existing.isSymbolicLink()) {
    throw new CastorError('invalid-input', `${resolved} is a symbolic link; give the path of a regular file`, { file: resolved })
  }
  if (!existing.isFile()) {
    throw new CastorError('invalid-input', `${resolved} exists and is not a regular file; give the path of a regular file`, { file: resolved })
  }
  if (!policy.overwrite) {
    throw new CastorError('conflict', `${resolved} already exists; pass --force to replace it`, { file: resolved })
  }
  return resolved
}

function lstatOrNull(file: string): fs.Stats | null {
  try {
    return fs.lstatSync(file)
  } catch {
    return null
  }
}

function realPathOf(file: string): string {
  try {
    return fs.realpathSync(file)
  } catch {
    const dir = path.dirname(file)
    return dir === file ? file : path.join(realPathOf(dir), path.basename(file))
  }
}

function isProjectOrSidecar(target: string, targetStat: fs.Stats | null, projectFile: string): boolean {
  const project = realPathOf(path.resolve(projectFile))
  const guarded = [project, `${project}-wal`, `${project}-shm`, `${project}-journal`]
  if (guarded.includes(realPathOf(target))) return true
  const targetFile = targetStat && fs.statSync(target, { throwIfNoEntry: false })
  if (!targetFile) return false
  return guarded.some((file) => {
    const stat = fs.statSync(file, { throwIfNoEntry: false })
    return stat !== undefined && stat.dev === targetFile.dev && stat.ino === targetFile.ino
  })
}

export function prepareTarget(target: string): string {
  const resolved = path.resolve(target)
  try {
    fs.mkdirSync(path.dirname(resolved), { recursive: true })
  } catch (error) {
    throw new CastorError('invalid-input', `Cannot write ${resolved}: ${(error as Error).message}`, { file: resolved })
  }
  return resolved
}

/**
 * Moves a finished partial file onto its target and returns its size in bytes. What `checkTarget` always refuses is
 * checked again here, in case the path changed while the export ran.
 */
export function commitPartial(partial: string, target: string): number {
  const existing = lstatOrNull(target)
  if (existing && !existing.isFile()) {
    discardPartial(partial)
    throw new CastorError('invalid-input', `${target} became something other than a regular file during the export; nothing was written`, { file: target })
  }
  fs.renameSync(partial, target)
  return fs.statSync(target).size
}

export function discardPartial(partial: string): void {
  fs.rmSync(partial, { force: true })
}

/**
 * A buffered text output for an export: writes go to a 1 MiB stream buffer, `drain()` waits when the buffer is full,
 * so memory stays bounded however large the project is.
 */
export class TextOutput {
  readonly target: string
  private readonly partial: string
  private readonly stream: fs.WriteStream
  private failure: Error | null = null

  constructor(target: string) {
    this.target = prepareTarget(target)
    this.partial = partialPathOf(this.target)
    this.stream = fs.createWriteStream(this.partial, { highWaterMark: HIGH_WATER_MARK })
    this.stream.on('error', (error) => {
      this.failure = error
    })
  }

  write(text: string): void {
    this.throwIfFailed()
    this.stream.write(text)
  }

  /** Waits until the stream has room again. */
  async drain(): Promise<void> {
    this.throwIfFailed()
    if (this.stream.writableNeedDrain) await once(this.stream, 'drain')
  }

  async commit(): Promise<number> {
    this.throwIfFailed()
    this.stream.end()
    await once(this.stream, 'finish')
    await this.closed()
    this.throwIfFailed()
    return commitPartial(this.partial, this.target)
  }

  async discard(): Promise<void> {
    this.stream.destroy()
    await this.closed()
    discardPartial(this.partial)
  }

  private async closed(): Promise<void> {
    if (!this.stream.closed) await once(this.stream, 'close').catch(() => undefined)
  }

  private throwIfFailed(): void {
    if (this.failure) {
      throw new CastorError('invalid-input', `Cannot write ${this.target}: ${this.failure.message}`, { file: this.target })
    }
  }
}
