import type { SetupFlowDictionary } from './setupFlow.ru'

export const setupFlowEn: SetupFlowDictionary = {
  keepAsAttribute: 'Keep as an instruction attribute',
  attributeHint: 'An instruction attribute is kept under the column’s name: a criteria set can be attached by its value (Criteria › Sets › “Attach to a column value”).',
}
