import type { CriterionLevel } from '../api/models'
import { formatRubricLines } from './rubric'

/**
 * The POLLUX judge prompt, byte for byte as in the model cards (Pollux-4B-Judge, pollux-judge-7b/32b):
 * five `### …:` sections, each value on the next line, ending with a newline after the rubric lines.
 * Sent as the single user message, with no system message.
 */
export const JUDGE_PROMPT_VERSION = 'pollux-v1'

export interface JudgePromptInput {
  instruction: string
  referenceAnswer: string | null
  answer: string
  criterionName: string
  levels: readonly CriterionLevel[]
}

export function buildJudgePrompt(input: JudgePromptInput): string {
  return (
    '### Задание для оценки:\n' +
    `${input.instruction}\n` +
    '### Эталонный ответ:\n' +
    `${input.referenceAnswer ?? ''}\n` +
    '### Ответ для оценки:\n' +
    `${input.answer}\n` +
    '### Критерий оценки:\n' +
    `${input.criterionName}\n` +
    '### Шкала оценивания по критерию:\n' +
    `${formatRubricLines(input.levels)}\n`
  )
}

/** The judge's training target: `[FEEDBACK] rationale [RESULT] score [END]`. */
export function buildJudgeTarget(rationale: string, score: number): string {
  return `[FEEDBACK] ${rationale.trim()} [RESULT] ${score} [END]`
}
