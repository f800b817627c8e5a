import type { ImportFormat } from '@shared/api/models'
import { analyticsRu } from './domains/analytics.ru'
import { setupRu } from './domains/setup.ru'
import { qualityRu } from './domains/quality.ru'
import { importErrorsRu } from './domains/importErrors.ru'
import { estimatesRu } from './domains/estimates.ru'
import { mappingRu } from './domains/mapping.ru'
import { setupFlowRu } from './domains/setupFlow.ru'
import { controlsRu } from './domains/controls.ru'
import { judgeRu } from './domains/judge.ru'
import { routingRu } from './domains/routing.ru'
import { workbenchRu } from './domains/workbench.ru'
import { effortRu } from './domains/effort.ru'

/** Russian UI strings (the default for Russian locales). `en.ts` must have the same keys: the type checks it. */
export const ru = {
  app: {
    unreachable: 'Castor не отвечает. Обновите страницу или перезапустите приложение.',
    noProject: 'Проект не открыт.',
    busyRetrying: 'Проект занят: в него пишет другая программа. Повторим через {{seconds}} с (попытка {{attempt}} из {{attempts}})…',
  },
  common: {
    loading: 'Загрузка…',
    close: 'Закрыть',
    cancel: 'Отменить',
    dismiss: 'Скрыть',
  },
  start: {
    tagline: 'Оценка ответов языковых моделей по критериям POLLUX',
    open: 'Открыть проект…',
    openReadOnly: 'Открыть только для чтения…',
    create: 'Новый проект…',
    demo: 'Открыть демо',
    openingDemo: 'Открываю демо…',
    recent: 'Недавние проекты',
    noRecent: 'Недавних проектов нет.',
    remove: 'Убрать «{{name}}» из списка',
  },
  project: {
    close: 'Закрыть проект',
    readOnly: 'только чтение',
  },
  counts: {
    instructions: 'Инструкции',
    responses: 'Ответы',
    criteria: 'Критерии',
    items: 'Оценки по критериям',
    annotators: 'Эксперты',
    annotations: 'Оценки экспертов',
    judgments: 'Оценки судей',
    judgmentErrors: 'Ошибки судей (без оценки)',
    judgeRuns: 'Прогоны судей',
    tasks: 'Задачи',
  },
  short: {
    responses: 'отв.',
    items: 'крит.',
    annotations: 'эксп.',
    judgments: 'суд.',
    judgmentErrors: 'ошибок: {{count}}',
    mean: 'ср.',
  },
  instructions: {
    title: 'Инструкции',
    search: 'Поиск по тексту и id  ( / )',
    empty: 'В проекте нет инструкций. Импортируйте данные.',
    noMatches: 'Ничего не найдено.',
  },
  instruction: {
    title: 'Инструкция',
    choose: 'Выберите инструкцию слева (↑/↓, Enter).',
    reference: 'Эталонный ответ',
    answers: 'Ответы моделей',
    noAnswers: 'У инструкции нет ответов.',
  },
  criteria: {
    title: 'Критерии ответа',
    none: 'Ответ не оценивался ни по одному критерию.',
    meanScore: 'Средняя оценка экспертов',
  },
  item: {
    title: 'Оценка',
    answer: 'Ответ',
    chooseAnswer: 'Выберите ответ модели.',
    chooseCriterion: 'Выберите критерий (Enter) или нажмите J.',
    experts: 'Эксперты',
    judges: 'Судьи',
    noAnnotations: 'Оценок экспертов нет.',
    noJudgments: 'Оценок судей нет.',
    draft: 'черновик',
    judgmentFailed: 'ошибка',
    gold: 'эталон',
    goldScore: 'Эталонная оценка',
  },
  criterion: {
    title: 'Критерий',
    navigation: 'Критерии ответа',
    position: 'Критерий {{index}} из {{total}}',
    levels: 'Шкала',
    noLevelText: 'без описания',
    externalId: 'Идентификатор критерия',
    showOriginal: 'оригинал',
    more: 'подробнее',
    less: 'свернуть',
    showTranslation: 'перевод',
  },
  score: {
    notApplicable: 'Неприменимо',
  },
  markdown: {
    image: 'изображение',
  },
  import: {
    button: 'Импорт',
    title: 'Импорт данных',
    file: 'Файл',
    choose: 'Выбрать файл…',
    noFile: 'файл не выбран',
    format: 'Формат',
    start: 'Импортировать',
    another: 'Импортировать ещё',
    hide: 'Свернуть',
    uploading: 'Загрузка файла на сервер',
    starting: 'Запуск импорта…',
    rows: 'строк: {{rows}}',
    eta: 'осталось {{time}}',
    done: 'Импорт завершён',
    failed: 'Импорт не удался',
    cancelled: 'Импорт отменён',
    summary: 'Прочитано строк: {{rows}} из {{file}} ({{format}}) за {{time}}.',
    nothingAdded: 'Ничего нового: все строки уже есть в проекте.',
    library: 'Или встроенное',
    libraries: {
      'pollux-criteria': 'Библиотека критериев POLLUX',
      'pollux-tasks': 'Таксономия задач POLLUX',
    },
    formats: {
      auto: 'Определить автоматически',
      'generic-jsonl': 'JSONL (общий)',
      'generic-csv': 'CSV (общий)',
      'generic-parquet': 'Parquet (общий)',
      'pollux-jsonl': 'POLLUX JSONL',
      'pollux-parquet': 'POLLUX Parquet',
      'pollux-instructions': 'POLLUX: инструкции',
      'pollux-criteria': 'POLLUX: criteria.json',
      'pollux-tasks': 'POLLUX: tasks.json',
    } satisfies Record<ImportFormat, string>,
  },
  export: {
    button: 'Экспорт',
    running: 'Экспорт…',
    done: 'Экспортировано строк: {{rows}}, {{size}}',
    csvOptions: 'CSV',
    bom: 'Метка UTF-8 для Excel',
    bomHint: 'Файл начинается с метки порядка байтов, и Excel правильно читает кириллицу',
    rawCsv: 'Формулы как есть',
    rawCsvHint: "Ячейки, начинающиеся с = + - @, записываются как есть; по умолчанию перед ними ставится ', чтобы таблица их не выполняла",
    formats: {
      jsonl: { title: 'JSONL', hint: 'одна оценка на строку' },
      csv: { title: 'CSV', hint: 'одна оценка на строку' },
      parquet: { title: 'Parquet', hint: 'для pandas и Spark' },
      aggregate: { title: 'Сводка по пунктам', hint: 'строка на ответ и критерий: оценки экспертов, среднее, медиана, итоговая и оценки судей' },
      'criterion-summary': { title: 'Сводка по критериям', hint: 'строка на критерий: согласие экспертов и каждого судьи с ними' },
      'pollux-train': { title: 'POLLUX train', hint: 'пары промпт — оценка для обучения судьи' },
    },
  },
  error: {
    file: 'Файл',
    line: 'Строка',
    field: 'Поле',
    value: 'Значение',
  },
  units: {
    B: 'Б',
    KB: 'КБ',
    MB: 'МБ',
    GB: 'ГБ',
    seconds: '{{value}} с',
    minutes: '{{minutes}} мин',
    minutesSeconds: '{{minutes}} мин {{seconds}} с',
    hours: '{{hours}} ч',
    hoursMinutes: '{{hours}} ч {{minutes}} мин',
  },
  task: {
    difficulty: {
      label: 'Сложность',
      easy: 'лёгкая',
      medium: 'средняя',
      hard: 'сложная',
    },
  },
  views: {
    label: 'Разделы проекта',
    browse: 'Обзор',
    team: 'Команда',
  },
  workbench: workbenchRu,
  judge: judgeRu,
  analytics: analyticsRu,
  setup: setupRu,
  quality: qualityRu,
  importErrors: importErrorsRu,
  routing: routingRu,
  estimates: estimatesRu,
  mapping: mappingRu,
  setupFlow: setupFlowRu,
  controls: controlsRu,
  effort: effortRu,
}

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> }
export type Dictionary = Strings<typeof ru>
