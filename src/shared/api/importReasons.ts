/**
 * Every reason an import refuses its input, as a key with parameters: the English text below is what the CLI and
 * logs print; the app renders the key in the UI's language (renderer/i18n/domains/importErrors.{en,ru}.ts, which
 * must name every key). Parameters fill `{{name}}` placeholders; they are data (names, values, the parser's own
 * words), never translated. A new reason = one line here + one string in importErrors.ru.ts.
 */
export const importReasonTexts = {
  // The file as a whole
  cancelled: 'import cancelled; the project is unchanged',
  'no-such-file': 'no such file',
  'not-a-file': 'is not a file',
  empty: 'is empty',
  'no-records': 'is empty: it holds no records',
  'no-header': 'is empty: no header row',
  'project-read-only': 'cannot be imported: the project is open read-only',
  'project-not-writable': 'cannot be imported: the project file {{project}} cannot be written ({{detail}})',
  'import-in-progress': 'cannot be imported while another import or write is in progress; import it when that has finished',
  'unknown-start': 'starts with something other than a JSON object; cannot tell its format',
  'unknown-format':
    'has keys that match no import format (generic rows have instruction_id and criterion; POLLUX rows criteria_name and model_id; instruction sets prompt_id and criteria); choose the format explicitly',
  'not-instruction-array': 'must be a JSON array of instructions or JSONL, not {{type}}',
  'header-missing-columns': 'has a header with missing column(s) {{missing}}; the generic CSV columns are {{expected}}',
  'header-unknown-columns': 'has a header with unknown column(s) {{unknown}}; the generic CSV columns are {{expected}}',
  'header-missing-and-unknown-columns':
    'has a header with missing column(s) {{missing}} and unknown column(s) {{unknown}}; the generic CSV columns are {{expected}}',
  'header-column-twice': 'is a column named twice in the header',
  'mapping-invalid': 'cannot be imported with this mapping: {{problems}}',
  'pollux-columns-missing': 'lacks the POLLUX column(s) {{missing}} (it has {{columns}})',
  // Encoding and syntax
  'not-utf8': 'is not valid UTF-8 (bad byte {{byte}}); save the file as UTF-8',
  'not-json': 'is not valid JSON ({{detail}})',
  'not-csv': 'cannot be read as CSV (line {{line}}): {{detail}}',
  'not-parquet': 'is not a readable Parquet file ({{detail}})',
  'parquet-damaged': 'cannot be read: the Parquet data of rows {{first}}–{{last}} is damaged ({{detail}})',
  'duplicate-key': 'has the key "{{key}}" twice; a record names each field once',
  'number-out-of-range': 'holds the number {{token}}, which is out of range',
  'too-deep': 'is nested deeper than {{depth}} levels',
  'expected-object': 'expected a JSON object, found {{type}}',
  // Fields
  missing: 'is missing',
  'criterion-empty-but-given': 'is empty, but {{field}} is given: it belongs to a criterion',
  blank: 'is empty',
  'rater-blank': 'is blank',
  'must-be-text': 'must be text, not {{type}}',
  'must-be-nonempty-text': 'must be non-empty text',
  'must-be-number': 'must be a number',
  'must-be-object': 'must be an object, not {{type}}',
  'must-be-one-of': 'must be one of {{values}}',
  // Scores
  'score-missing': 'is missing (write null or an N/A spelling for not applicable: {{spellings}})',
  'score-not-a-number': 'is neither a number nor null / an N/A spelling ({{spellings}})',
  'score-not-finite': 'is not a finite number',
  'score-wrong-type': 'is {{type}}, not a number',
  'score-off-scale': 'is {{value}}, which is not on the scale of criterion "{{criterion}}": allowed {{scale}} or N/A',
  'score-without-rater': 'needs an annotator or a judge to belong to',
  'score-must-be-na': 'must be empty or N/A when the status is "not_applicable"',
  'score-must-be-score': 'must be a score when the status is "scored"',
  'score-repeated': 'repeats a score already given in this file for the same answer (model {{model}}), criterion "{{criterion}}" and {{rater}}',
  'score-repeated-at': 'repeats a score already given on {{unit}} {{earlier}} in this file for the same answer (model {{model}}), criterion "{{criterion}}" and {{rater}}',
  'judge-with-annotator': 'cannot be given together with annotator {{annotator}}: a row holds one score',
  'pollux-score-missing': 'is missing: an annotator row needs a score (null or an N/A spelling for not applicable)',
  'pollux-score-without-annotator': 'needs an annotator ({{fields}}) to belong to',
  // Long-format state columns
  'only-annotator-rows': 'is given only on annotator rows',
  'only-judge-rows': 'is given only on judge rows',
  'error-with-score': 'must be empty when status is "error": a failed judgment has no score',
  'error-missing': 'is missing: a row with status "error" says why the judgment failed',
  'error-without-status': 'is given only with status "error"',
  'annotation-status': 'must be "draft" or "submitted"',
  'first-on-draft': 'is given only on a submitted annotation (a revision follows a submission)',
  'needs-status-and-score': 'needs {{prefix}}_status and {{prefix}}_score',
  'scored-or-na': 'must be "scored" or "not_applicable"',
  'active-ms': 'must be a whole number of milliseconds, 0 or more',
  'probabilities-not-json': 'is not JSON: expected an object such as {"0": 0.1, "1": 0.9}',
  'probabilities-type': 'must be an object of score → probability, not {{type}}',
  'probabilities-twice': 'cannot be given together with score_probabilities: they are one column under two names',
  'probability-entry': 'has {{score}}: {{probability}}; each key is a score and each value a probability from 0 to 1',
  'control-flag-boolean': 'must be true or false',
  'control-flag-annotator-only': 'is given only on annotator rows',
  'assisted-flag-boolean': 'must be true or false',
  'assisted-flag-annotator-only': 'is given only on annotator rows (a score given with the judge\'s score on screen)',
  'control-flag-without-score': 'is true but the row has no control_score (the reference score of the control item)',
  'control-note-without-score': 'needs control_score',
  'control-needs-score': 'must be a score on the scale: a control item needs a reference score',
  'control-differs': 'differs from the control score given for the same item on {{unit}} {{position}}',
  'final-differs': 'differs from the final score given for the same item on {{unit}} {{position}}',
  // Criteria, rubrics, taxonomies
  'not-a-rubric': 'is not a rubric: it {{detail}}',
  'not-a-scale': 'is not a scale: it {{detail}}',
  'rubric-contradicts': 'contradicts the rubric of criterion "{{criterion}}" given earlier or held by the project: {{difference}}',
  'unknown-criterion': 'is an unknown criterion: no criterion has this external id or name, and the row gives no rubric to create it from',
  'ambiguous-criterion': 'matches {{count}} criteria by name and the row gives no rubric to choose among them: {{candidates}}. Give the external id instead, or the rubric',
  'criterion-id-taken': 'cannot be added: the external id "{{id}}" is taken by a criterion with another name',
  'scale-conflict': 'gives the scale {{scale}}, but the project\'s criterion "{{criterion}}" has {{existing}} and may hold scores on it',
  'criteria-not-object': 'must be a JSON object of criterion id → criterion, not {{type}}',
  'no-criteria': 'holds no criteria',
  'tasks-not-object': 'must be a JSON object of task group → group, not {{type}}',
  'task-children': 'must be an object of name → task, not {{type}}',
  'criterion-id-list': 'must be a list of criterion ids',
  'no-tasks': 'holds no tasks',
  'meta-type': 'must be an object or a text, not {{type}}',
  'instruction-criteria-type': 'must be a list of {criteria_name, rubrics}, not {{type}}',
  'instruction-criterion-type': 'must be an object {criteria_name, rubrics}, not {{type}}',
  // Texts and runs that contradict the project
  'instruction-text-differs':
    'differs from the text given earlier in this file or held by the project for instruction {{id}} (from character {{at}}: {{here}} here, {{before}} before)',
  'answer-text-differs':
    'differs from the text given earlier in this file or held by the project for the answer of model {{model}} to this instruction (from character {{at}}: {{here}} here, {{before}} before)',
  'judge-run-taken': 'names the judge run "{{name}}", which Castor ran itself ({{backend}}); imported judges need another name',
} as const

export type ImportReasonKey = keyof typeof importReasonTexts
export type ImportReasonParams = Record<string, string | number>

/** What an import error carries across the contract (in `location.reason`) for the UI to render. */
export interface ImportReason {
  key: ImportReasonKey
  params?: ImportReasonParams
}

export const importReasonKeys = Object.keys(importReasonTexts) as ImportReasonKey[]

export function isImportReasonKey(key: unknown): key is ImportReasonKey {
  return typeof key === 'string' && Object.hasOwn(importReasonTexts, key)
}

/** Fills a `{{name}}` template; a placeholder without a parameter stays as written. */
export function fillTemplate(template: string, params: ImportReasonParams = {}): string {
  return template.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => (Object.hasOwn(params, name) ? String(params[name]) : whole))
}

export function importReasonText(reason: ImportReason): string {
  return fillTemplate(importReasonTexts[reason.key], reason.params)
}

/** The placeholders a template uses, sorted (a test checks that each language uses the same ones). */
export function templatePlaceholders(template: string): string[] {
  return [...new Set([...template.matchAll(/\{\{(\w+)\}\}/g)].map((match) => match[1]))].sort()
}
