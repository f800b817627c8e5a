import { parentPort, workerData } from 'node:worker_threads'
import { serializeError } from '@shared/api/errors'
import { asRecord } from './fields'
import { normaliseGenericRecord } from './formats/generic'
import { ScoreRowEncoder } from './scoreRowBatch'
import { parseJsonlBlock } from './sources/jsonl'
import { readTextBlocks } from './sources/textBlocks'
import type { WorkerMessage, WorkerStart } from './workerImport'

/**
 * The import worker (a build entry of its own): reads, checks and parses a generic JSONL file and normalises
 * its rows, while the main thread writes them. Messages go out in file order, and the first error found here
 * follows the rows before it, so the main thread reports errors exactly in file order. Parsing costs more than
 * writing, so when the main thread has (nearly) caught up, the next block
 * goes to it unparsed and it parses that block itself: the two threads share the work.
 */

const BATCH_ROWS = 1_024
/** Messages sent but not yet handled by the main thread: the worker waits beyond this, so memory stays bounded. */
const MAX_IN_FLIGHT = 8
/**
 * A block goes to the main thread unparsed when it has at most this many messages left to handle (tuned on the
 * bench: with fewer it idles, with more the worker does). The first block is always parsed here.
 */
const SHARE_WHEN_PENDING = 3

const port = parentPort!
const { file, input, handled } = workerData as WorkerStart
const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) => port.postMessage(message, transfer)

/** Messages sent; `handled[0]` counts those the main thread has handled (shared memory: read at once, no ack messages). */
let sent = 0
const pending = () => sent - Atomics.load(handled, 0)

post({ type: 'ready' })
void parse()

async function parse(): Promise<void> {
  const encoder = new ScoreRowEncoder()
  let bytesDone = 0
  const flush = () => {
    if (encoder.rows === 0) return
    sent++
    post({ type: 'rows', values: encoder.take(), bytesDone })
  }
  const onRecord = (value: unknown, line: number) => {
    encoder.add(normaliseGenericRecord(input, asRecord(input, line, value), line), line)
    if (encoder.rows >= BATCH_ROWS) flush()
  }
  try {
    await readTextBlocks(file, input, (bytes, firstLine, done) => {
      if (sent > 0 && pending() <= SHARE_WHEN_PENDING) {
        const copy = new Uint8Array(bytes)
        sent++
        post({ type: 'block', bytes: copy, firstLine, bytesDone: done }, [copy.buffer])
        // Rows flushed in the middle of the next block report the end of this one: progress never goes back.
        bytesDone = done
      } else {
        parseJsonlBlock(bytes, firstLine, input, onRecord)
        bytesDone = done
        flush()
      }
      // A worker may block: it has nothing else to do. The timeout only guards against a missed wake-up.
      for (let seen = Atomics.load(handled, 0); sent - seen >= MAX_IN_FLIGHT; seen = Atomics.load(handled, 0)) Atomics.wait(handled, 0, seen, 100)
    })
    post({ type: 'done' })
  } catch (error) {
    flush()
    post({ type: 'error', error: serializeError(error) })
  }
}
