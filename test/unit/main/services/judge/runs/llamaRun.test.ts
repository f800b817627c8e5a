import { describe, expect, it } from 'vitest'
import type { DecodingParameters } from '../../../../../../src/main/services/judge/backend'
import { createBackend } from '../../../../../../src/main/services/judge/runs/backendFactory'
import { executeRun } from '../../../../../../src/main/services/judge/runs/executeRun'
import { prepareRun } from '../../../../../../src/main/services/judge/runs/prepareRun'
import type { BackendSettings } from '../../../../../../src/main/services/judge/runs/runConfig'
import { tinyQwen3Gguf } from '../../../../../helpers/gguf/qwen3Gguf'
import { judgeProject } from './runKit'

describe('a judge run on the embedded backend', () => {
  it('ends with a parsed score for every item under --constrained, probabilities summing to 1 over the scale', async () => {
    const { db, itemIds } = judgeProject()
    const settings: BackendSettings = { kind: 'local', modelPath: tinyQwen3Gguf(), contextSize: 2048 }
    const decoding: DecodingParameters = { temperature: 0, topP: null, maxTokens: 12, constrained: true, seed: null }
    const backend = await createBackend(settings, { parallel: 2, constrained: true })
    try {
      expect(backend.identity).toMatchObject({ backend: 'llama-cpp', endpoint: null })
      expect(backend.identity.modelHash).toMatch(/^[0-9a-f]{64}$/)
      const prepared = prepareRun(db, { name: 'tiny', identity: backend.identity, parallel: backend.parallel, settings, decoding, selection: { mode: 'all' } })
      const result = await executeRun(db, prepared.run.id, backend, decoding, { signal: new AbortController().signal })
      expect(result).toMatchObject({ status: 'done', queued: itemIds.length, judged: itemIds.length, errors: 0 })
      const rows = db
        .prepare('SELECT j.item_id AS itemId, j.score, j.error, j.raw_output AS raw, j.score_probabilities AS p, j.expected_score AS expected FROM judgments j WHERE run_id = ? ORDER BY item_id')
        .all(prepared.run.id) as { itemId: number; score: number | null; error: string | null; raw: string; p: string | null; expected: number | null }[]
      expect(rows.map((row) => row.itemId)).toEqual([...itemIds].sort((a, b) => a - b))
      for (const row of rows) {
        expect(row.error, row.raw).toBeNull()
        expect([0, 1, 2]).toContain(row.score)
        // Qwen3's template thinks: reasoning, then a bare score (the 4B judge's shape).
        expect(row.raw).toMatch(/<\/think>\n\n[012]$/)
        const probabilities = JSON.parse(row.p as string) as Record<string, number>
        expect(Object.keys(probabilities).sort()).toEqual(['0', '1', '2'])
        expect(Object.values(probabilities).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6)
        expect(row.expected).toBeGreaterThanOrEqual(0)
        expect(row.expected).toBeLessThanOrEqual(2)
      }
      // The run records what the judge read: the GGUF's hash and chat template, the prompt template version and hash.
      const config = JSON.parse(db.prepare('SELECT config FROM judge_runs WHERE id = ?').pluck().get(prepared.run.id) as string) as { identity: { chatTemplate: string }; promptHash: string; promptVersion: string }
      expect(config.identity.chatTemplate).toMatch(/^jinja:[0-9a-f]{64}$/)
      expect(config).toMatchObject({ promptVersion: 'pollux-v1', promptHash: expect.stringMatching(/^[0-9a-f]{64}$/) })
      // The same configuration again: the same run, nothing left to judge.
      const again = prepareRun(db, { name: 'tiny', identity: backend.identity, parallel: backend.parallel, settings, decoding, selection: { mode: 'all' } })
      expect(again).toMatchObject({ created: false, queued: itemIds.length, alreadyJudged: itemIds.length })
    } finally {
      await backend.close()
      db.close()
    }
  }, 240_000)
})
