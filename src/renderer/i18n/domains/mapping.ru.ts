/** Russian strings of import with a column mapping, the served start screen and live views; `mapping.en.ts` must have the same keys. */
export const mappingRu = {
  title: 'Столбцы файла',
  /** A mapped import's error: the file's column the field was read from. */
  column: 'Столбец',
  intro: 'Столбцы {{file}} не в формате Castor. Укажите, что в каждом столбце; остальные будут пропущены.',
  savedFrom: 'Сопоставление сохранено при импорте {{file}}.',
  usedSaved: 'Использовано сопоставление, сохранённое при импорте {{file}}.',
  preview: 'Первые строки',
  field: 'Что в столбце',
  ignore: '— пропустить —',
  importMapped: 'Импортировать',
  back: 'Другой файл',
  reading: 'Читаю начало файла…',
  noScores: 'Без столбцов критерия и оценки ответы станут заданиями для разметки.',
  fields: {
    instruction_id: 'ID инструкции',
    instruction: 'Инструкция',
    reference_answer: 'Эталонный ответ',
    model: 'Модель',
    answer: 'Ответ',
    criterion: 'Критерий',
    rubric: 'Рубрика',
    score: 'Оценка',
    annotator: 'Эксперт',
    judge: 'Судья',
    rationale: 'Обоснование',
    task: 'Задача',
  },
  problems: {
    missing: 'Нужен столбец «{{field}}».',
    twice: 'Столбец «{{column}}» выбран дважды.',
    needsCriterion: '«{{field}}» требует столбца «Критерий».',
    needsRater: '«Оценка» требует столбца «Эксперт» или «Судья».',
  },
  start: {
    newFile: 'Новый проект будет сохранён в файле',
    create: 'Создать проект',
    demo: 'Открыть демо',
    uploadProject: 'Открыть файл .castor…',
    served: 'Этот сервер ещё не обслуживает проект. Создайте его, откройте демо или загрузите файл проекта.',
  },
}

export type MappingDictionary = typeof mappingRu
