/**
 * Import with a column mapping: a file whose columns are not Castor's long format is read through a mapping from
 * the long format's field names to the file's columns. Pure (shared by the importer, the CLI and the mapping screen).
 */

/** The long-format fields a column can be mapped to, in the order the mapping screen lists them. */
export const MAPPING_FIELDS = [
  'instruction_id',
  'instruction',
  'reference_answer',
  'model',
  'answer',
  'criterion',
  'rubric',
  'score',
  'annotator',
  'judge',
  'rationale',
  'task',
] as const

export type MappingField = (typeof MAPPING_FIELDS)[number]

/**
 * An instruction attribute: `meta.<name>` keeps a column's value in `instructions.meta` under `<name>` (`difficulty`
 * and `domain` in the instruction's own columns of those names), where a criteria set's column target finds it.
 */
export type AttributeKey = `meta.${string}`
export const ATTRIBUTE_PREFIX = 'meta.' as const

/** Field → source column; fields left out are absent, columns mapped to nothing are ignored. */
export type ImportMapping = Partial<Record<MappingField | AttributeKey, string>>

export function isMappingField(value: string): value is MappingField {
  return (MAPPING_FIELDS as readonly string[]).includes(value)
}

export function isAttributeKey(value: string): value is AttributeKey {
  return value.startsWith(ATTRIBUTE_PREFIX) && value.length > ATTRIBUTE_PREFIX.length
}

/** The attributes a mapping keeps: [name in instructions.meta, source column], in the mapping's order. */
export function mappingAttributes(mapping: ImportMapping): [name: string, column: string][] {
  return Object.entries(mapping)
    .filter((entry): entry is [AttributeKey, string] => isAttributeKey(entry[0]) && typeof entry[1] === 'string')
    .map(([key, column]) => [key.slice(ATTRIBUTE_PREFIX.length), column])
}

/** Every key of the mapping that names a column (fields, then attributes), as [key, column]. */
export function mappingEntries(mapping: ImportMapping): [key: MappingField | AttributeKey, column: string][] {
  const entries: [MappingField | AttributeKey, string][] = []
  for (const field of MAPPING_FIELDS) if (mapping[field] !== undefined) entries.push([field, mapping[field]])
  for (const [name, column] of mappingAttributes(mapping)) entries.push([`${ATTRIBUTE_PREFIX}${name}`, column])
  return entries
}

/** A problem with a mapping, naming the field and (where there is one) the column. */
export interface MappingProblem {
  kind: 'no-such-column' | 'column-twice' | 'missing' | 'needs-criterion' | 'needs-rater'
  field: MappingField | AttributeKey | null
  column: string | null
  message: string
}

/**
 * What a mapping must satisfy: instruction and answer mapped; a score needs a criterion and an annotator or a
 * judge; a rubric, annotator, judge or rationale needs a criterion; every column exists and serves one field.
 */
export function mappingProblems(mapping: ImportMapping, columns: readonly string[]): MappingProblem[] {
  const problems: MappingProblem[] = []
  const known = new Set(columns)
  const usedBy = new Map<string, MappingField | AttributeKey>()
  for (const [field, column] of mappingEntries(mapping)) {
    if (!known.has(column)) {
      problems.push({ kind: 'no-such-column', field, column, message: `column "${column}" (mapped to ${field}) is not in the file; its columns are ${columns.join(', ')}` })
      continue
    }
    const other = usedBy.get(column)
    if (other) problems.push({ kind: 'column-twice', field, column, message: `column "${column}" is mapped to both ${other} and ${field}` })
    else usedBy.set(column, field)
  }
  for (const field of ['instruction', 'answer'] as const) {
    if (mapping[field] === undefined) problems.push({ kind: 'missing', field, column: null, message: `no column is mapped to ${field}` })
  }
  const needsCriterion = (['score', 'rubric', 'annotator', 'judge', 'rationale'] as const).filter((field) => mapping[field] !== undefined)
  if (mapping.criterion === undefined && needsCriterion.length) {
    const field = needsCriterion[0]
    problems.push({ kind: 'needs-criterion', field, column: mapping[field] ?? null, message: `${field} (column "${mapping[field]}") needs a column mapped to criterion` })
  }
  if (mapping.score !== undefined && mapping.annotator === undefined && mapping.judge === undefined) {
    problems.push({ kind: 'needs-rater', field: 'score', column: mapping.score, message: `score (column "${mapping.score}") needs a column mapped to annotator or judge` })
  }
  return problems
}

/** Parses the CLI's `--map instruction_id=qid,instruction=prompt,…` (field names on the left). */
export function parseMappingSpec(spec: string): ImportMapping {
  const mapping: ImportMapping = {}
  for (const part of spec.split(',')) {
    if (part.trim() === '') continue
    const at = part.indexOf('=')
    if (at < 0) throw new Error(`"${part}" is not FIELD=COLUMN`)
    const field = part.slice(0, at).trim()
    const column = part.slice(at + 1).trim()
    checkEntry(mapping, field, column)
    mapping[field] = column
  }
  return mapping
}

/** A mapping read from JSON (`--map-file`, saved mappings): an object of field → column. */
export function mappingFromJson(value: unknown): ImportMapping {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error('must be a JSON object of field → column')
  const mapping: ImportMapping = {}
  for (const [field, column] of Object.entries(value as Record<string, unknown>)) {
    if (column === null || column === '') continue
    if (typeof column !== 'string') throw new Error(`the column of ${field} must be text`)
    checkEntry(mapping, field, column)
    mapping[field] = column
  }
  return mapping
}

function checkEntry(mapping: ImportMapping, field: string, column: string): asserts field is MappingField | AttributeKey {
  if (!isAttributeKey(field) && !isMappingField(field)) {
    throw new Error(`"${field}" is not a field; the fields are ${MAPPING_FIELDS.join(', ')}, or meta.NAME (an instruction attribute)`)
  }
  if (column === '') throw new Error(`${field} is mapped to an empty column name`)
  if (mapping[field] !== undefined) throw new Error(`${field} is mapped twice`)
}

/** Columns compared as a set: the same columns in another order are the same file shape. */
export function columnSignature(columns: readonly string[]): string {
  return JSON.stringify([...new Set(columns)].sort())
}

/** Usual spellings of each field's column, for a first guess (lower case, without spaces, dashes and underscores). */
const SYNONYMS: Record<MappingField, string[]> = {
  instruction_id: ['instructionid', 'qid', 'questionid', 'promptid', 'taskid', 'id', 'sampleid'],
  instruction: ['instruction', 'prompt', 'question', 'query', 'input', 'вопрос', 'инструкция', 'запрос'],
  reference_answer: ['referenceanswer', 'reference', 'goldanswer', 'gold', 'expected', 'эталон'],
  model: ['model', 'modelid', 'modelname', 'system', 'bot', 'llm', 'модель'],
  answer: ['answer', 'response', 'reply', 'output', 'completion', 'generation', 'ответ'],
  criterion: ['criterion', 'criterionname', 'criteria', 'criterianame', 'metric', 'критерий'],
  rubric: ['rubric', 'rubrics', 'scale', 'рубрика', 'шкала'],
  score: ['score', 'rating', 'grade', 'mark', 'label', 'criteriascore', 'оценка'],
  annotator: ['annotator', 'expert', 'rater', 'annotatorid', 'user', 'эксперт', 'аннотатор'],
  judge: ['judge', 'judgemodel', 'evaluator', 'судья'],
  rationale: ['rationale', 'comment', 'feedback', 'explanation', 'reason', 'комментарий', 'обоснование'],
  task: ['task', 'tasktype', 'category', 'taskpath', 'задача'],
}

function squash(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]+/g, '')
}

/** A first guess: each field gets the first unused column whose name is a usual spelling of it. */
export function suggestMapping(columns: readonly string[]): ImportMapping {
  const mapping: ImportMapping = {}
  const used = new Set<string>()
  for (const field of MAPPING_FIELDS) {
    const column = columns.find((candidate) => !used.has(candidate) && SYNONYMS[field].includes(squash(candidate)))
    if (column !== undefined) {
      mapping[field] = column
      used.add(column)
    }
  }
  return mapping
}
