import fs from 'node:fs'
import path from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { importFile } from '../../../../../src/main/services/importers'
import { startServer, type RunningServer } from '../../../../../src/main/transports/http/server'
import { answerIndex, routingProject, routingSettings } from '../../services/workbench/routing/routingKit'
import { openProject } from '../../../../../src/main/services/db'
import { call, request } from './httpClient'

const running: RunningServer[] = []
afterEach(async () => {
  for (const server of running.splice(0)) await server.close()
})

async function ok<T = any>(reply: Promise<{ status: number; json<U>(): U; body: string }>): Promise<T> {
  const result = await reply
  if (result.status !== 200) throw new Error(`HTTP ${result.status}: ${result.body}`)
  return result.json<{ result: T }>().result
}

/** `castor serve` on a project imported with a judge run carrying `probabilities`, judge-guided by a lead. */
async function serveRouted() {
  const { db, file, runId } = await routingProject(80)
  db.close()
  const server = await startServer({ projectPath: file, rendererDir: '/nonexistent' })
  running.push(server)
  const base = `http://127.0.0.1:${server.port}`
  const person = async (name: string, role: 'annotator' | 'lead' = 'annotator') => {
    const { link } = await ok<{ link: { token: string } }>(call(base, server.token, 'annotator-add', { name, role, language: 'ru' }))
    return (op: string, input?: unknown) => call(base, link.token, op, input)
  }
  const lead = await person('Ведущая', 'lead')
  return { base, server, file, runId, lead, person }
}

type Caller = Awaited<ReturnType<typeof serveRouted>>['lead']

/** Claims and submits answers over HTTP until none is left (or `limit`); returns [answer id, criteria shown]. */
async function work(caller: Caller, score: (responseId: number) => number, limit = Infinity): Promise<[number, number][]> {
  const got: [number, number][] = []
  while (got.length < limit) {
    const { item } = await ok<{ item: any }>(caller('work-next'))
    if (!item) return got
    got.push([item.responseId, item.criteria.length])
    for (const c of item.criteria) await ok(caller('annotation-submit', { itemId: c.itemId, score: score(item.responseId), rationale: 'обоснование' }))
  }
  return got
}

describe('judge-guided routing over HTTP', () => {
  it('calibration answers show all criteria; accepted items never reach an expert; an escalated item gets one expert, a second after a disagreement', async () => {
    const { file, runId, lead, person } = await serveRouted()
    const started = await ok(lead('routing-update', routingSettings(runId)))
    expect(started.status).toMatchObject({ phase: 'calibration', calibration: { answers: 40 } })
    const a = await person('Анна')
    const b = await person('Борис')
    // an annotator may not change routing
    expect((await a('routing-update', { policy: 'breadth' })).status).toBe(403)

    // calibration: both annotators get the same 40 answers, each with every criterion
    const calibrationA = await work(a, () => 1, 40)
    const calibrationB = await work(b, () => 1, 40)
    expect(calibrationA.every(([, n]) => n === 2)).toBe(true)
    expect(calibrationB.map(([id]) => id).sort()).toEqual(calibrationA.map(([id]) => id).sort())

    const routed = await ok(lead('routing-get'))
    expect(routed.status.phase).toBe('routed')
    expect(routed.status.thresholds.map((t: any) => t.lambda === null)).toEqual([false, false])

    // blind phase still holds: before submitting, nothing of the judge reaches the annotator
    const { item } = await ok<{ item: any }>(a('work-next'))
    expect(item.criteria).toHaveLength(1)
    expect(JSON.stringify(item)).not.toContain('судья')
    expect(await ok(a('work-assist', { responseId: item.responseId }))).toEqual({ mode: 'blind', items: [] })
    const reveal = await ok(a('reveal-get', { responseId: item.responseId }))
    expect(reveal.items.every((x: any) => x.judges.length === 0)).toBe(true)

    // A disagrees with the judge's most probable score (0) on this one and agrees on every other
    await ok(a('annotation-submit', { itemId: item.criteria[0].itemId, score: 2, rationale: 'не согласна' }))
    const restA = await work(a, () => 0)
    const escalatedA = [item.responseId, ...restA.map(([id]) => id)]
    // B gets exactly the answer A disagreed on (a second expert), seeing only that criterion
    const secondB = await work(b, () => 2)
    expect(secondB).toEqual([[item.responseId, 1]])

    // why each item went where it did
    const check = openProject(file, { readOnly: true })
    try {
      const assigned = new Set(check.prepare('SELECT DISTINCT response_id FROM assignments').pluck().all() as number[])
      const acceptedOnly = check
        .prepare(
          `SELECT it.response_id FROM items it JOIN item_routing ir ON ir.item_id = it.id GROUP BY it.response_id
            HAVING sum(ir.role = 'accepted') = count(*)`,
        )
        .pluck()
        .all() as number[]
      expect(acceptedOnly.length).toBeGreaterThan(0)
      expect(acceptedOnly.filter((id) => assigned.has(id))).toEqual([])
      expect(escalatedA.every((id) => answerIndex(check, id) % 2 === 1)).toBe(true)
      const acceptedItem = check.prepare("SELECT item_id FROM item_routing WHERE role = 'accepted' LIMIT 1").pluck().get() as number
      const escalatedItem = check.prepare("SELECT item_id FROM item_routing WHERE role = 'escalated' LIMIT 1").pluck().get() as number
      const why = await ok(lead('routing-item', { itemId: acceptedItem }))
      expect(why).toMatchObject({ role: 'accepted', confidence: 0.9, delta: 0.1, calibrationSize: 40 })
      expect(why.confidence).toBeGreaterThanOrEqual(why.lambda)
      const escalated = await ok(lead('routing-item', { itemId: escalatedItem }))
      expect(escalated.confidence).toBeLessThan(escalated.lambda)
    } finally {
      check.close()
    }
  })

  it('stays atomic under concurrency: ten annotators at once give every calibration answer exactly k experts', async () => {
    const { file, runId, lead, person } = await serveRouted()
    await ok(lead('routing-update', { ...routingSettings(runId), calibrationSize: 12 }))
    const people = await Promise.all(Array.from({ length: 10 }, (_, i) => person(`Эксперт ${i + 1}`)))
    // nobody scores a disagreement, so the thresholds come from the calibration alone
    await Promise.all(people.map((p) => work(p, () => 1, 3)))
    const check = openProject(file, { readOnly: true })
    try {
      const perAnswer = check
        .prepare(
          `SELECT a.response_id AS id, count(*) AS n, count(DISTINCT a.annotator_id) AS people,
                  (SELECT min(ir.role) FROM items it JOIN item_routing ir ON ir.item_id = it.id WHERE it.response_id = a.response_id) AS role
             FROM assignments a GROUP BY a.response_id`,
        )
        .all() as { id: number; n: number; people: number; role: string }[]
      const calibration = perAnswer.filter((row) => row.role === 'calibration')
      expect(calibration).toHaveLength(12)
      expect(calibration.every((row) => row.n === 2 && row.people === 2)).toBe(true)
      expect(perAnswer.filter((row) => row.role !== 'calibration').every((row) => row.n === 1)).toBe(true)
    } finally {
      check.close()
    }
  })

  it('exports the imported probabilities over HTTP as score_probabilities, and they import back unchanged', async () => {
    const { base, server, file } = await serveRouted()
    // over HTTP the export is downloaded
    const summary = await ok<{ downloadUrl: string }>(call(base, server.token, 'export-run', { format: 'jsonl' }))
    const download = await request(`${base}${summary.downloadUrl}`, { headers: { Authorization: `Bearer ${server.token}` } })
    expect(download.status).toBe(200)
    const out = path.join(path.dirname(file), 'export.jsonl')
    fs.writeFileSync(out, download.body)
    const judgeRows = download.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((row) => row.judge === 'llm')
    expect(judgeRows).toHaveLength(160)
    const first = judgeRows.find((row) => row.instruction_id === 'q1' && row.criterion === 'c0')!
    expect(first.score_probabilities).toEqual({ '0': 0.45, '1': 0.35, '2': 0.2 })
    const again = openProject(path.join(path.dirname(file), 'again.castor'), { create: true })
    try {
      await importFile(again, out, { format: 'generic-jsonl' })
      const original = openProject(file, { readOnly: true })
      const digest = (db: typeof again) =>
        db
          .prepare(
            `SELECT i.external_id, c.external_id, j.score, j.score_probabilities FROM judgments j JOIN items it ON it.id = j.item_id
               JOIN responses r ON r.id = it.response_id JOIN instructions i ON i.id = r.instruction_id JOIN criteria c ON c.id = it.criterion_id
              ORDER BY 1, 2`,
          )
          .raw()
          .all()
      expect(digest(again)).toEqual(digest(original))
      original.close()
    } finally {
      again.close()
    }
  })
})
