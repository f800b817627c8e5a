import { inputError, type InputFile } from '../importErrors'
import { describeType, isAbsent, optionalText, requiredId, requiredText, type SourceRecord } from '../fields'
import type { InstructionSetRow } from '../rows'
import { taskPathOf } from './polluxRows'

/**
 * A POLLUX instruction set record: prompt_id, instruction, reference_answer, meta, criteria [{criteria_name,
 * rubrics}]. Gives the instruction and the criteria it is to be scored on. `meta` is an object {task_type,
 * difficulty, …} or, as in ai-forever/POLLUX-instructions, a text naming the task group (kept as the task).
 */
export function normaliseInstructionSet(input: InputFile, record: SourceRecord, position: number): InstructionSetRow {
  const meta = record.meta
  if (!isAbsent(meta) && typeof meta !== 'string' && (typeof meta !== 'object' || Array.isArray(meta))) {
    throw inputError(input, position, 'meta', meta, 'meta-type', { type: describeType(meta) })
  }
  const metaRecord = (isAbsent(meta) ? {} : typeof meta === 'string' ? { task: meta } : meta) as SourceRecord
  const criteria = record.criteria
  if (!Array.isArray(criteria)) {
    throw inputError(input, position, 'criteria', criteria, criteria === undefined ? 'missing' : 'instruction-criteria-type', { type: describeType(criteria) })
  }
  return {
    instruction: {
      externalId: requiredId(input, position, record, 'prompt_id'),
      text: requiredText(input, position, record, 'instruction'),
      referenceAnswer: optionalText(input, position, record, 'reference_answer'),
      taskPath: taskPathOf([metaRecord.task_type ?? metaRecord.task, metaRecord.task_subtype, metaRecord.task_subsubtype]),
      difficulty: optionalText(input, position, metaRecord, 'difficulty'),
      domain: optionalText(input, position, metaRecord, 'domain'),
      meta: isAbsent(meta) ? null : JSON.stringify(typeof meta === 'string' ? { meta } : meta),
    },
    criteria: criteria.map((entry, index) => {
      const field = `criteria[${index}]`
      if (entry === null || typeof entry !== 'object' || Array.isArray(entry)) {
        throw inputError(input, position, field, entry, 'instruction-criterion-type', { type: describeType(entry) })
      }
      const criterion = entry as SourceRecord
      const name = criterion.criteria_name
      if (typeof name !== 'string' || name.trim() === '') {
        throw inputError(input, position, `${field}.criteria_name`, name, name === undefined ? 'missing' : 'must-be-nonempty-text')
      }
      const rubric = criterion.rubrics
      return { ref: { value: name.trim(), rubric: isAbsent(rubric) ? undefined : rubric, keyedByRubric: true }, field }
    }),
  }
}
