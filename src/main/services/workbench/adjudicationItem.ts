import { CastorError } from '@shared/api/errors'
import type { AdjudicationItem, MacePosterior } from '@shared/api/controlModels'
import type { Db } from '../db'
import { getCriterion, getInstruction } from '../project/browse'
import { getControl } from './controls'
import { judgeScores, submittedAnnotations } from './reveal'
import { stmt } from './statements'

/**
 * MACE's posterior for an item: the handlers connect the analytics worker's cached pooled fit
 * (analytics/quality/macePosterior.ts); without a source (services used alone) null, and the panel shows nothing.
 */
export type MacePosteriorSource = (db: Db, itemId: number) => MacePosterior | null | Promise<MacePosterior | null>
let macePosteriorSource: MacePosteriorSource = () => null
export function setMacePosteriorSource(source: MacePosteriorSource): void {
  macePosteriorSource = source
}

/** The whole picture of one item for its adjudication: instruction, answer, rubric, every expert and judge. */
export async function adjudicationItem(db: Db, itemId: number): Promise<AdjudicationItem> {
  const item = stmt(db, 'SELECT it.response_id AS responseId, it.criterion_id AS criterionId FROM items it WHERE it.id = ?').get(itemId) as
    | { responseId: number; criterionId: number }
    | undefined
  if (!item) throw new CastorError('not-found', `No item ${itemId}`, { field: 'itemId', value: itemId })
  const answer = stmt(db, 'SELECT id, model, text, instruction_id AS instructionId FROM responses WHERE id = ?').get(item.responseId) as {
    id: number
    model: string
    text: string
    instructionId: number
  }
  const final = stmt(db, 'SELECT score, not_applicable AS notApplicable, note, adjudicator, updated_at AS updatedAt FROM adjudications WHERE item_id = ?').get(itemId) as
    | { score: number | null; notApplicable: number; note: string | null; adjudicator: string; updatedAt: string }
    | undefined
  const mace = await macePosteriorSource(db, itemId)
  return {
    itemId,
    instruction: getInstruction(db, answer.instructionId).instruction,
    answer: { id: answer.id, model: answer.model, text: answer.text },
    criterion: getCriterion(db, item.criterionId),
    experts: submittedAnnotations(db, [itemId], null).get(itemId) ?? [],
    judges: judgeScores(db, [itemId]).get(itemId) ?? [],
    final: final ? { itemId, ...final, notApplicable: final.notApplicable === 1 } : null,
    control: getControl(db, itemId),
    mace,
  }
}
