import type { ItemSelection, JudgePromptPreview } from '@shared/api/judgeModels'
import { JUDGE_PROMPT_VERSION } from '@shared/domain/judgePrompt'
import type { Db } from '../../db'
import { promptTemplateHash } from './runConfig'
import { PromptSource } from './runStore'
import { selectItems } from './selection'

export interface DryRunLine {
  item: { id: number; instruction: string; model: string; criterion: string }
  /** The exact user message the judge would read. */
  prompt: string
}

/** What the judge would read for each selected item, in judging order; runs no model and writes nothing. */
export function* dryRun(db: Db, selection: ItemSelection): Generator<DryRunLine> {
  const source = new PromptSource(db)
  for (const itemId of selectItems(db, selection)) {
    const row = source.describe(itemId)
    yield { item: { id: itemId, instruction: row.instructionExternalId, model: row.model, criterion: row.criterionExternalId }, prompt: source.request(itemId).prompt }
  }
}

export function previewPrompt(db: Db, itemId: number): JudgePromptPreview {
  const request = new PromptSource(db).request(itemId)
  return { itemId, prompt: request.prompt, allowedScores: [...request.allowedScores], promptVersion: JUDGE_PROMPT_VERSION, promptHash: promptTemplateHash() }
}
