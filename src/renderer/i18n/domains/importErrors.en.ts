import { importReasonTexts, type ImportReasonKey } from '@shared/api/importReasons'
import type { Dictionary } from '../ru'

/** English import errors: the reasons are the CLI's own texts (shared/api/importReasons.ts), so both say the same. */
export const importErrorsEn: Dictionary['importErrors'] = {
  where: {
    file: '{{file}}',
    line: '{{file}}, line {{position}}',
    row: '{{file}}, row {{position}}',
    record: '{{file}}, record {{position}}',
  },
  field: 'field "{{field}}"',
  column: 'column "{{column}}" ({{field}})',
  words: {
    null: 'null',
    list: 'a list',
    object: 'an object',
    string: 'a string',
    number: 'a number',
    boolean: 'a boolean',
    bigint: 'a number',
    line: 'line',
    row: 'row',
    record: 'record',
    annotator: 'annotator',
    judge: 'judge',
  },
  reasons: importReasonTexts satisfies Record<ImportReasonKey, string>,
}
