import { buildJudgePrompt, buildJudgeTarget, JUDGE_PROMPT_VERSION } from '@shared/domain/judgePrompt'
import type { Db } from '../db'
import type { ExportItem } from './exportSource'
import type { ExportOptions, ExportResult } from './paging'
import { exportText, jsonLines } from './textExport'

export interface PolluxTrainRecord {
  prompt: string
  completion: string
  messages: [{ role: 'user'; content: string }, { role: 'assistant'; content: string }]
  item: number
  annotator: string
  criterion: string
  prompt_version: string
}

/**
 * Judge-training examples from expert annotations: the POLLUX judge prompt and the target
 * `[FEEDBACK] rationale [RESULT] score [END]`, for every submitted, applicable score that has a rationale.
 */
export function polluxTrainRecords(item: ExportItem): PolluxTrainRecord[] {
  const records: PolluxTrainRecord[] = []
  let prompt: string | null = null
  for (const annotation of item.annotations) {
    if (annotation.status !== 'submitted' || annotation.notApplicable || annotation.score === null) continue
    if (!annotation.rationale?.trim()) continue
    prompt ??= buildJudgePrompt({
      instruction: item.instruction,
      referenceAnswer: item.referenceAnswer,
      answer: item.answer,
      criterionName: item.criterion.name,
      levels: item.criterion.levels,
    })
    const completion = buildJudgeTarget(annotation.rationale, annotation.score)
    records.push({
      prompt,
      completion,
      messages: [
        { role: 'user', content: prompt },
        { role: 'assistant', content: completion },
      ],
      item: item.id,
      annotator: annotation.annotator,
      criterion: item.criterion.externalId,
      prompt_version: JUDGE_PROMPT_VERSION,
    })
  }
  return records
}

export function exportPolluxTrain(db: Db, target: string, options: ExportOptions): Promise<ExportResult> {
  return exportText(db, target, options, (items) => jsonLines(items.flatMap(polluxTrainRecords)))
}
