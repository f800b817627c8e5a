import { spawn, type ChildProcess } from 'node:child_process'
import http from 'node:http'
import path from 'node:path'
import { performance } from 'node:perf_hooks'
import readline from 'node:readline'
import { fileURLToPath } from 'node:url'
import { openProject } from '../../src/main/services/db'
import type { BenchContext } from './context'
import { LoadSampler, median, percentile } from './measure'
import { seconds } from './report'

const CRITERIA = 5
/** Calls of each lead view (taking turns), for a p95 that is not just the maximum. */
const LEAD_CALLS = 20

const ms = (value: number) => `${value.toFixed(1)} ms`

/**
 * A project of `answers` answers × 5 criteria written straight into SQLite, with earlier work in it: a third of
 * the answers already have one annotator, a sixth two (k = 3 here, so they are still open), and a "veteran"
 * annotator holds every tenth answer, so claims have to skip answers that are taken or already theirs.
 */
export function buildProject(file: string, answers: number): void {
  const db = openProject(file, { create: true })
  const text = 'Ответ модели: '.padEnd(1500, 'текст ответа с **разметкой**, кодом и таблицами. ')
  db.transaction(() => {
    db.prepare('UPDATE workbench_settings SET overlap = 3').run()
    const criterion = db.prepare('INSERT INTO criteria (external_id, name, description, group_name) VALUES (?, ?, ?, ?)')
    const level = db.prepare('INSERT INTO criterion_levels (criterion_id, score, text) VALUES (?, ?, ?)')
    for (let c = 1; c <= CRITERIA; c++) {
      criterion.run(`c${c}`, `Критерий ${c}`, 'Описание критерия '.repeat(10), c <= 2 ? 'Критические' : 'Общие')
      for (const score of [0, 1, 2]) level.run(c, score, `Уровень ${score}: `.padEnd(200, 'текст уровня '))
    }
    const instruction = db.prepare('INSERT INTO instructions (id, external_id, text, reference_answer, task_path) VALUES (?, ?, ?, ?, ?)')
    const response = db.prepare('INSERT INTO responses (id, instruction_id, model, text) VALUES (?, ?, ?, ?)')
    const item = db.prepare('INSERT INTO items (response_id, criterion_id) VALUES (?, ?)')
    for (let i = 1; i <= answers; i++) {
      instruction.run(i, `q${i}`, `Инструкция ${i}: `.padEnd(600, 'формулировка задания '), 'Эталон', 'QA / Concept Explanation')
      response.run(i, i, 'model-a', text)
      for (let c = 1; c <= CRITERIA; c++) item.run(i, c)
    }
    const annotator = db.prepare("INSERT INTO annotators (id, name, role) VALUES (?, ?, 'annotator')")
    for (let a = 1; a <= 4; a++) annotator.run(a, `Прежний ${a}`)
    const assign = db.prepare("INSERT INTO assignments (response_id, annotator_id, completed_at) VALUES (?, ?, '2026-01-01T00:00:00Z')")
    const annotate = db.prepare(
      "INSERT INTO annotations (item_id, annotator_id, score, rationale, time_spent_ms, status, submitted_at) VALUES (?, ?, 1, 'обоснование', 30000, 'submitted', '2026-01-01T00:00:00Z')",
    )
    const submitAll = (responseId: number, annotatorId: number) => {
      assign.run(responseId, annotatorId)
      for (let c = 1; c <= CRITERIA; c++) annotate.run((responseId - 1) * CRITERIA + c, annotatorId)
    }
    for (let i = 1; i <= answers; i++) {
      if (i % 10 === 0) submitAll(i, 4) // the veteran
      else if (i % 3 === 0) submitAll(i, 1 + (i % 2))
      if (i % 6 === 0) submitAll(i, 3)
    }
  })()
  db.pragma('wal_checkpoint(TRUNCATE)')
  db.close()
}

const self = fileURLToPath(import.meta.url)

/**
 * `castor serve FILE --port 0` in its own process, as annotators meet it (the bench's clients then do not share
 * its event loop): the built CLI beside the built bench, or the sources through tsx when the bench runs from them.
 */
async function serveInChild(file: string): Promise<{ child: ChildProcess; port: number; token: string }> {
  const cli = self.endsWith('.ts') ? ['--import', 'tsx', path.resolve(path.dirname(self), '../../src/cli/index.ts')] : [path.join(path.dirname(self), 'cli.js')]
  const child = spawn(process.execPath, [...cli, 'serve', file, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let errors = ''
  child.stderr?.on('data', (chunk: Buffer) => (errors += chunk.toString('utf8')))
  const lines = readline.createInterface({ input: child.stdout! })
  const url = await new Promise<string>((resolve, reject) => {
    lines.once('line', resolve)
    child.once('exit', (code) => reject(new Error(`castor serve exited with ${code}: ${errors}`)))
  })
  const parsed = new URL(url)
  return { child, port: Number(parsed.port), token: parsed.searchParams.get('token') as string }
}

export async function workbenchSuite(bench: BenchContext): Promise<void> {
  const { dir, scale, report } = bench
  const load = new LoadSampler()
  load.sample()
  const answers = Math.max(200, Math.round(20_000 * scale))
  const file = path.join(dir, 'workbench.castor')
  let t = performance.now()
  buildProject(file, answers)
  report.line(`workbench: ${answers.toLocaleString('en')} answers × ${CRITERIA} criteria = ${(answers * CRITERIA).toLocaleString('en')} items in ${seconds(performance.now() - t)}`)

  const server = await serveInChild(file)
  const agent = new http.Agent({ keepAlive: true, maxSockets: 64 })
  const call = (token: string, name: string, input: unknown = {}): Promise<{ ms: number; body: any }> =>
    new Promise((resolve, reject) => {
      const started = performance.now()
      const body = JSON.stringify(input)
      const req = http.request(
        { host: '127.0.0.1', port: server.port, path: `/api/${name}`, method: 'POST', agent, headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } },
        (res) => {
          const chunks: Buffer[] = []
          res.on('data', (chunk: Buffer) => chunks.push(chunk))
          res.on('end', () => {
            const reply = JSON.parse(Buffer.concat(chunks).toString('utf8'))
            if (!reply.ok) return reject(new Error(`${name}: ${reply.error.message}`))
            resolve({ ms: performance.now() - started, body: reply.result })
          })
          res.on('error', reject)
        },
      )
      req.on('error', reject)
      req.end(body)
    })

  try {
    const veteranLink = (await call(server.token, 'annotator-link', { id: 4 })).body.token as string
    const people: string[] = [veteranLink]
    for (let i = 1; i < 20; i++) people.push((await call(server.token, 'annotator-add', { name: `Эксперт ${i}` })).body.link.token)

    const rounds = Math.max(5, Math.round(25 * Math.min(1, scale * 4)))
    // Warm-up (prepared statements, page cache), not measured.
    for (const token of people) await call(token, 'me-get')

    /** Each annotator takes `rounds` answers: claim, then a draft and a submit per criterion. */
    const work = async (token: string, p: number, timings: Record<'floor' | 'next' | 'draft' | 'submit', number[]>) => {
      for (let round = 0; round < rounds; round++) {
        timings.floor.push((await call(token, 'me-get')).ms)
        const next = await call(token, 'work-next')
        timings.next.push(next.ms)
        if (!next.body.item) return
        for (const criterion of next.body.item.criteria) {
          const score = (p + round) % 3
          timings.draft.push((await call(token, 'annotation-draft-save', { itemId: criterion.itemId, score, rationale: 'черновик', activeMs: 5000 })).ms)
          timings.submit.push(
            (await call(token, 'annotation-submit', { itemId: criterion.itemId, score, rationale: 'Обоснование оценки по критерию.', activeMs: 9000 })).ms,
          )
        }
      }
    }
    const row = (label: string, values: number[]): [string, string] => [
      label,
      `p50 ${ms(median(values))}   p95 ${ms(percentile(values, 95))}   max ${ms(Math.max(...values))}   (n = ${values.length})`,
    ]
    const empty = () => ({ floor: [] as number[], next: [] as number[], draft: [] as number[], submit: [] as number[] })

    // One request at a time, annotators taking turns: what one annotator waits for when the server is not saturated.
    const alone = empty()
    t = performance.now()
    for (let round = 0; round < 2; round++) for (const [p, token] of people.entries()) await work(token, p, alone)
    const aloneWall = performance.now() - t
    // All twenty at once with no pause between requests: a stress test (each request queues behind the others').
    const crowd = empty()
    t = performance.now()
    await Promise.all(people.map((token, p) => work(token, p, crowd)))
    const crowdWall = performance.now() - t

    // Lead views over the whole project (they aggregate every annotation; not on the annotators' hot path).
    const lead: Record<string, number[]> = { 'progress-get': [], 'review-list': [], 'adjudication-queue': [] }
    for (const name of Object.keys(lead)) await call(server.token, name, {}) // warm-up
    for (let i = 0; i < LEAD_CALLS; i++) for (const name of Object.keys(lead)) lead[name].push((await call(server.token, name, {})).ms)
    // Right after a write (an annotator's draft): nothing can be reused, each view aggregates everything again.
    const afterWrite: Record<string, number[]> = { 'progress-get': [], 'review-list': [], 'adjudication-queue': [] }
    const writer = people[1]
    const claimed = (await call(writer, 'work-next')).body.item?.criteria?.[0]?.itemId as number | undefined
    for (let i = 0; i < LEAD_CALLS; i++) {
      for (const name of Object.keys(afterWrite)) {
        if (claimed !== undefined) await call(writer, 'annotation-draft-save', { itemId: claimed, score: i % 3, rationale: `черновик ${i}`, activeMs: 1000 + i })
        afterWrite[name].push((await call(server.token, name, {})).ms)
      }
    }
    load.sample()

    const p95next = percentile(alone.next, 95)
    const p95submit = percentile(alone.submit, 95)
    report.table(`workbench over HTTP, ${(answers * CRITERIA).toLocaleString('en')} items (goal: next item and submit p95 ≤ 100 ms)`, [
      ['one request at a time', ''],
      row('  me-get (round-trip floor)', alone.floor),
      row('  work-next (claim + item screen)', alone.next),
      row('  annotation-draft-save', alone.draft),
      row('  annotation-submit', alone.submit),
      ['  work-next p50 / floor p50', `${(median(alone.next) / median(alone.floor)).toFixed(2)}×`],
      ['  goal', `work-next p95 ${p95next <= 100 ? 'met' : 'MISSED'}, submit p95 ${p95submit <= 100 ? 'met' : 'MISSED'}  (${seconds(aloneWall)})`],
      ['20 annotators at once, no think time', ''],
      row('  me-get (round-trip floor)', crowd.floor),
      row('  work-next (claim + item screen)', crowd.next),
      row('  annotation-draft-save', crowd.draft),
      row('  annotation-submit', crowd.submit),
      ['  requests per second', `${((crowd.floor.length + crowd.next.length + crowd.draft.length + crowd.submit.length) / (crowdWall / 1000)).toFixed(0)}  (${seconds(crowdWall)})`],
      [`lead views, owner, ${LEAD_CALLS} calls each taking turns (goal p95 ≤ 100 ms)`, ''],
      ...Object.entries(lead).map(([name, values]) => row(`  ${name}`, values)),
      [`lead views right after a write (recomputed), ${LEAD_CALLS} calls each`, ''],
      ...Object.entries(afterWrite).map(([name, values]) => row(`  ${name}`, values)),
      ['load average while measured', load.text()],
    ])
    const p95 = (values: number[]) => Number(percentile(values, 95).toFixed(1))
    report.json('workbench', {
      items: answers * CRITERIA,
      annotators: people.length,
      leadViewsP95Ms: { progress: p95(lead['progress-get']), review: p95(lead['review-list']), adjudication: p95(lead['adjudication-queue']) },
      leadViewsAfterWriteP95Ms: { progress: p95(afterWrite['progress-get']), review: p95(afterWrite['review-list']), adjudication: p95(afterWrite['adjudication-queue']) },
      p95Ms: { workNext: p95(alone.next), submit: p95(alone.submit) },
      crowdP95Ms: { workNext: p95(crowd.next), submit: p95(crowd.submit) },
      load: { min: Number(load.spread.min.toFixed(2)), max: Number(load.spread.max.toFixed(2)) },
    })
  } finally {
    agent.destroy()
    const exited = new Promise((resolve) => server.child.once('exit', resolve))
    server.child.kill('SIGTERM')
    await exited
  }
}
