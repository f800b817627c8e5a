import fs from 'node:fs'
import { createInterface } from 'node:readline'
import { afterEach, describe, expect, it } from 'vitest'
import { openProject } from '../../../src/main/services/db'
import { PromptSource } from '../../../src/main/services/judge/runs/runStore'
import { spawnCli } from '../../helpers/cli'
import { feedbackReply, startFakeOpenAi, type FakeOpenAi } from '../../helpers/fakeOpenAi'
import { tinyQwen3Gguf } from '../../helpers/gguf/qwen3Gguf'
import { judgeProject } from '../main/services/judge/runs/runKit'

const servers: FakeOpenAi[] = []
afterEach(async () => {
  for (const server of servers.splice(0)) await server.close()
})

/** Runs the CLI without blocking this process (the fake server answers from here). */
function cli(args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ status: number | null; stdout: string; stderr: string }> {
  const child = spawnCli(args, { env })
  let stdout = ''
  let stderr = ''
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()))
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
  return new Promise((resolve) => child.on('exit', (status) => resolve({ status, stdout, stderr })))
}

const lines = (stdout: string) =>
  stdout
    .split('\n')
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record<string, unknown>)

describe('castor judge', () => {
  it('--dry-run prints the exact user message per item and runs no model', async () => {
    const { db, file, itemIds } = judgeProject()
    db.close()
    const before = fs.readFileSync(file)
    const result = await cli(['judge', file, '--dry-run'])
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const out = lines(result.stdout)
    expect(out.map((line) => (line.item as { id: number }).id)).toEqual(itemIds)
    expect(out[0]).toEqual({
      item: { id: itemIds[0], instruction: 'q1', model: 'GigaChat-Max', criterion: 'correct' },
      prompt:
        '### Задание для оценки:\nСколько будет 2+2? Ответьте 100% точно.\n### Эталонный ответ:\n4\n### Ответ для оценки:\nБудет **4**.\n' +
        '### Критерий оценки:\nПравильность ответа\n### Шкала оценивания по критерию:\n0: Дан неправильный ответ.\n1: Ответ неполный.\n2: Ответ верный.\n',
    })
    // q2 has no reference answer: the section stays, empty.
    expect(out[4].prompt).toContain('### Эталонный ответ:\n\n### Ответ для оценки:\nСнег на ветвях,')
    expect((await cli(['judge', file, '--dry-run', '--criterion', 'clarity', '--limit', '3'])).stdout.trim().split('\n')).toHaveLength(3)
    expect(fs.readFileSync(file).equals(before)).toBe(true)
  }, 60_000)

  it('judges against a server with the key from the environment, never storing or printing it', async () => {
    const { db, file } = judgeProject()
    db.close()
    const server = await startFakeOpenAi((r) => (r.prompt.includes('Ясность') ? feedbackReply(9) : feedbackReply(2, 'Верно.', { '0': 0.1, '1': 0.1, '2': 0.8 })))
    servers.push(server)
    const key = 'sk-castor-test-secret'
    const result = await cli(['judge', file, '--endpoint', server.url, '--api-model', 'ai-forever/pollux-judge-7b', '--api-key-env', 'CASTOR_TEST_KEY', '--name', 'j7', '--parallel', '2', '--json'], {
      CASTOR_TEST_KEY: key,
    })
    expect(result.stderr).toBe('')
    expect(result.status).toBe(0)
    const out = lines(result.stdout)
    expect(out[0]).toMatchObject({ event: 'start', name: 'j7', resumed: false, queued: 8 })
    expect(out.some((line) => line.event === 'progress' && typeof line.itemsPerSecond === 'number' && typeof line.tokensPerSecond === 'number')).toBe(true)
    expect(out[out.length - 1]).toMatchObject({ event: 'done', status: 'done', queued: 8, judged: 8, errors: 4, judgedNow: 8 })
    expect(server.requests.every((r) => r.headers.authorization === `Bearer ${key}`)).toBe(true)
    expect(result.stdout + result.stderr).not.toContain(key)
    for (const suffix of ['', '-wal']) if (fs.existsSync(file + suffix)) expect(fs.readFileSync(file + suffix).includes(key)).toBe(false)
    const check = openProject(file)
    expect(check.prepare("SELECT count(*) FROM judgments j JOIN judge_runs r ON r.id = j.run_id WHERE r.name = 'j7' AND j.score = 2").pluck().get()).toBe(4)
    check.close()

    // The same configuration again: the same run, nothing sent.
    const again = await cli(['judge', file, '--endpoint', server.url, '--api-model', 'ai-forever/pollux-judge-7b', '--api-key-env', 'CASTOR_TEST_KEY', '--name', 'j7', '--json'], { CASTOR_TEST_KEY: key })
    expect(lines(again.stdout)[0]).toMatchObject({ event: 'start', resumed: true, alreadyJudged: 8 })
    expect(server.requests).toHaveLength(8)
  }, 60_000)

  it('judges with a local GGUF under --constrained: a score for every item', async () => {
    const { db, file, itemIds } = judgeProject()
    db.close()
    const result = await cli(['judge', file, '--model', tinyQwen3Gguf(), '--name', 'tiny', '--constrained', '--max-tokens', '12', '--context-size', '2048', '--parallel', '2', '--json'])
    expect(result.status, result.stderr).toBe(0)
    const out = lines(result.stdout)
    expect(out.at(-1)).toMatchObject({ event: 'done', status: 'done', queued: itemIds.length, judged: itemIds.length, errors: 0 })
    const check = openProject(file)
    expect(check.prepare("SELECT r.backend, count(j.score) FROM judge_runs r JOIN judgments j ON j.run_id = r.id WHERE r.name = 'tiny'").raw().get()).toEqual(['llama-cpp', itemIds.length])
    check.close()
  }, 180_000)

  it('fits the defaults to a model trained on 4,096 tokens: items are judged, and load progress comes as JSON lines', async () => {
    const { db, file } = judgeProject()
    // A long answer (one token per Cyrillic letter here): its prompts leave ~200 of the 4,096 tokens for the output.
    const q1 = db.prepare("SELECT id FROM instructions WHERE external_id = 'q1'").pluck().get() as number
    const long = Number(db.prepare("INSERT INTO responses (instruction_id, model, text) VALUES (?, 'long', ?)").run(q1, 'ы'.repeat(3500)).lastInsertRowid)
    for (const criterion of db.prepare('SELECT id FROM criteria').pluck().all() as number[]) db.prepare('INSERT OR IGNORE INTO items (response_id, criterion_id) VALUES (?, ?)').run(long, criterion)
    db.close()
    // No --max-tokens, no --context-size: the context is the trained 4,096 and each item gets what its prompt leaves.
    const result = await cli(['judge', file, '--model', tinyQwen3Gguf({ contextLength: 4096 }), '--name', 'ctx4k', '--constrained', '--answer-model', 'long', '--limit', '2', '--json'], {
      CASTOR_LLAMA_THREADS: '1',
    })
    expect(result.status, result.stderr).toBe(0)
    const out = lines(result.stdout)
    const loads = out.filter((line) => line.event === 'load')
    expect(loads.some((line) => line.phase === 'load' && line.fraction === 1)).toBe(true)
    expect(loads.every((line) => typeof line.fraction === 'number' && typeof line.model === 'string' && 'etaMs' in line)).toBe(true)
    expect(out.findIndex((line) => line.event === 'load')).toBeLessThan(out.findIndex((line) => line.event === 'start'))
    expect(out.at(-1)).toMatchObject({ event: 'done', status: 'done', queued: 2, judged: 2, errors: 0 })
  }, 180_000)

  it('stops a run whose items all fail, exits non-zero and says why (also as JSON)', async () => {
    const { db, file } = judgeProject()
    db.close()
    const server = await startFakeOpenAi(() => feedbackReply(7))
    servers.push(server)
    const result = await cli(['judge', file, '--endpoint', server.url, '--api-model', 'judge', '--name', 'broken', '--retries', '0', '--json'])
    expect(result.status).toBe(1)
    const out = lines(result.stdout)
    expect(out.find((line) => line.event === 'done')).toMatchObject({ status: 'failed', error: expect.stringMatching(/the first 8 items failed with the same error.*outside the criterion's scale/) })
    expect(out.at(-1)).toMatchObject({ error: { message: expect.stringMatching(/^Judge run "broken" failed: the first 8 items failed/) } })
    expect(result.stderr).toMatch(/castor: Judge run "broken" failed: .*outside the criterion's scale/)
    const text = await cli(['judge', file, '--endpoint', server.url, '--api-model', 'judge', '--name', 'broken', '--retries', '0', '--retry-errors'])
    expect(text.status).toBe(1)
    expect(text.stderr).toMatch(/failed: .*outside the criterion's scale/)
  }, 60_000)

  it('refuses a new name on a configuration that already has a run, naming it and how to resume it', async () => {
    const { db, file } = judgeProject()
    db.close()
    const server = await startFakeOpenAi(() => feedbackReply(1))
    servers.push(server)
    const args = ['judge', file, '--endpoint', server.url, '--api-model', 'judge', '--limit', '2']
    expect((await cli([...args, '--name', 't'])).status).toBe(0)
    const sent = server.requests.length
    const again = await cli([...args, '--name', 't2'])
    expect(again.status).toBe(1)
    expect(again.stdout).not.toContain('Resuming')
    expect(again.stderr).toContain(`A run with this configuration exists: "t"; resume it with castor judge ${file} --name "t" and the same options`)
    expect(server.requests).toHaveLength(sent)
    const check = openProject(file)
    expect(check.prepare("SELECT name FROM judge_runs WHERE backend != 'imported' ORDER BY id").pluck().all()).toEqual(['t'])
    check.close()
  }, 60_000)

  it('refuses a regression model, a missing key variable and --constrained on a server, saying why', async () => {
    const { db, file } = judgeProject()
    db.close()
    const r = await cli(['judge', file, '--endpoint', 'http://127.0.0.1:9', '--api-model', 'ai-forever/pollux-judge-7b-r', '--name', 'x', '--json'])
    expect(r.status).toBe(1)
    expect(lines(r.stdout).at(-1)).toMatchObject({ error: { code: 'invalid-input' } })
    expect(r.stderr).toMatch(/regression head/)
    const k = await cli(['judge', file, '--endpoint', 'http://127.0.0.1:9', '--api-model', 'm', '--api-key-env', 'CASTOR_NO_SUCH_VAR', '--name', 'x'])
    expect(k.stderr).toMatch(/CASTOR_NO_SUCH_VAR.*not set/)
    const c = await cli(['judge', file, '--endpoint', 'http://127.0.0.1:9', '--api-model', 'm', '--constrained', '--name', 'x'])
    expect(c.stderr).toMatch(/--constrained works with a local GGUF/)
  }, 60_000)

  it('resumes after SIGKILL mid-run: no duplicates, finished judgments kept, none of them redone', async () => {
    const { db, file } = judgeProject()
    db.close()
    const server = await startFakeOpenAi(() => ({ ...feedbackReply(1), delayMs: 300 }))
    servers.push(server)
    const args = ['judge', file, '--endpoint', server.url, '--api-model', 'judge', '--name', 'crash', '--parallel', '1', '--retries', '0', '--json']
    const child = spawnCli(args)
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)))
    let finished = false
    for await (const line of createInterface({ input: child.stdout! })) {
      const event = JSON.parse(line) as { event: string; done?: number }
      if (event.event === 'done') finished = true
      if (event.event === 'progress' && (event.done ?? 0) >= 2) {
        // Let the writer commit what it has (it writes within 100 ms), then kill mid-request.
        await new Promise((resolve) => setTimeout(resolve, 200))
        child.kill('SIGKILL')
        break
      }
    }
    expect(await exited).toBe('SIGKILL')
    expect(finished, stderr).toBe(false)

    const reopened = openProject(file)
    const runId = reopened.prepare("SELECT id FROM judge_runs WHERE name = 'crash'").pluck().get() as number
    const kept = reopened.prepare('SELECT item_id FROM judgments WHERE run_id = ?').pluck().all(runId) as number[]
    expect(reopened.prepare('SELECT status FROM judge_runs WHERE id = ?').pluck().get(runId)).toBe('running')
    const source = new PromptSource(reopened)
    const keptPrompts = new Set(kept.map((id) => source.request(id).prompt))
    reopened.close()
    expect(kept.length).toBeGreaterThanOrEqual(2)
    expect(kept.length).toBeLessThan(8)
    const before = server.requests.length

    server.setScript(() => feedbackReply(1))
    const resumed = await cli(args)
    expect(resumed.status, resumed.stderr).toBe(0)
    const out = lines(resumed.stdout)
    expect(out[0]).toMatchObject({ event: 'start', runId, resumed: true, alreadyJudged: kept.length })
    expect(out.at(-1)).toMatchObject({ event: 'done', status: 'done', judged: 8, judgedNow: 8 - kept.length })
    const sentAgain = server.requests.slice(before)
    expect(sentAgain).toHaveLength(8 - kept.length)
    expect(sentAgain.filter((r) => keptPrompts.has(r.prompt))).toEqual([])

    const final = openProject(file)
    expect(final.prepare('SELECT count(*), count(DISTINCT item_id) FROM judgments WHERE run_id = ?').raw().get(runId)).toEqual([8, 8])
    expect(final.prepare('SELECT item_id FROM judgments WHERE run_id = ? AND item_id IN (SELECT value FROM json_each(?)) ORDER BY item_id').pluck().all(runId, JSON.stringify(kept))).toEqual(
      [...kept].sort((a, b) => a - b),
    )
    expect(final.pragma('integrity_check', { simple: true })).toBe('ok')
    final.close()
  }, 90_000)

  it('pauses on Ctrl-C (SIGINT), saving what finished, and exits cleanly', async () => {
    const { db, file } = judgeProject()
    db.close()
    const server = await startFakeOpenAi(() => ({ ...feedbackReply(0), delayMs: 300 }))
    servers.push(server)
    const child = spawnCli(['judge', file, '--endpoint', server.url, '--api-model', 'judge', '--name', 'interrupted', '--parallel', '1', '--json'])
    let stderr = ''
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()))
    const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)))
    const events: { event: string; done?: number; status?: string; judged?: number }[] = []
    let signalled = false
    for await (const line of createInterface({ input: child.stdout! })) {
      const event = JSON.parse(line) as { event: string; done?: number }
      events.push(event)
      if (!signalled && event.event === 'progress' && (event.done ?? 0) >= 1) {
        signalled = true
        child.kill('SIGINT')
      }
    }
    expect(await exited, stderr).toBe(0)
    expect(stderr).toMatch(/pausing/)
    const done = events.at(-1)!
    expect(done).toMatchObject({ event: 'done', status: 'paused' })
    expect(done.judged).toBeGreaterThanOrEqual(1)
    expect(done.judged).toBeLessThan(8)
    const check = openProject(file)
    expect(check.prepare("SELECT status FROM judge_runs WHERE name = 'interrupted'").pluck().get()).toBe('paused')
    expect(check.prepare("SELECT count(*) FROM judgments j JOIN judge_runs r ON r.id = j.run_id WHERE r.name = 'interrupted'").pluck().get()).toBe(done.judged)
    check.close()
  }, 60_000)
})
