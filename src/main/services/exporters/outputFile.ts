import fs from 'node:fs'
import path from 'node:path'
import { once } from 'node:events'
import { CastorError } from '@shared/api/errors'

const HIGH_WATER_MARK = 1 << 20

/** Where an export is written until it is complete; the target appears only when the export succeeds. */
export function partialPathOf(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${process.pid}.partial`)
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

/** Moves a finished partial file onto its target and returns its size in bytes. */
export function commitPartial(partial: string, target: string): number {
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
