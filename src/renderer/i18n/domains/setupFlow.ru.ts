/** Russian strings of project setup from the lead's own file (instruction attributes); `setupFlow.en.ts` has the same keys. */
export const setupFlowRu = {
  keepAsAttribute: 'Сохранить как атрибут инструкции',
  attributeHint: 'Атрибут инструкции хранится под именем столбца: набор критериев можно применить по его значению (Критерии › Наборы › «Применить к значению колонки»).',
}

export type SetupFlowDictionary = typeof setupFlowRu
