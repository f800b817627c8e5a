import fs from 'node:fs'

/**
 * The bench project as generic long JSONL: instructions × models × criteria × annotators score rows with
 * Russian texts of realistic length (about 2.4 KB a row, as POLLUX rows are), deterministic for a seed.
 */
export interface BenchShape {
  instructions: number
  models: number
  criteria: number
  annotators: number
}

export const fullShape: BenchShape = { instructions: 20_000, models: 5, criteria: 6, annotators: 2 }

export function rowCount(shape: BenchShape): number {
  return shape.instructions * shape.models * shape.criteria * shape.annotators
}

const WORDS = (
  'модель ответ задание текст пользователь вопрос решение пример функция данные результат анализ ' +
  'описание структура система значение условие алгоритм список таблица метод процесс задача язык ' +
  'критерий оценка эксперт качество логика факт источник вывод аргумент стиль жанр формат объём ' +
  'история культура наука техника экономика право медицина образование программа код переменная ' +
  'необходимо следует важно можно нужно также поэтому однако кроме того например в частности ' +
  'подробно кратко точно верно полностью частично правильно логично последовательно ясно'
).split(/\s+/)

function rng(seed: number): () => number {
  let state = seed >>> 0 || 1
  return () => {
    state ^= state << 13
    state ^= state >>> 17
    state ^= state << 5
    return (state >>> 0) / 4294967296
  }
}

function sentence(random: () => number, words: number): string {
  const parts: string[] = []
  for (let i = 0; i < words; i++) parts.push(WORDS[Math.floor(random() * WORDS.length)])
  const text = parts.join(' ')
  return text[0].toUpperCase() + text.slice(1) + '.'
}

function paragraph(random: () => number, chars: number): string {
  let text = ''
  while (text.length < chars) text += (text ? ' ' : '') + sentence(random, 6 + Math.floor(random() * 8))
  return text
}

const MODELS = ['GigaChat-Max', 'YandexGPT-4-Pro', 'T-pro-it-1.0', 'GPT-4o', 'Llama-3.1-405B', 'Claude-3.5-Sonnet', 'o1']

export function criterionRubric(index: number): Record<string, string> {
  const random = rng(1000 + index)
  return {
    '0': `Ответ не соответствует критерию. ${paragraph(random, 40)}`,
    '1': `Ответ частично соответствует критерию. ${paragraph(random, 40)}`,
    '2': `Ответ полностью соответствует критерию. ${paragraph(random, 40)}`,
  }
}

/** Writes the JSONL file; returns its size in bytes. */
export async function writeBenchJsonl(file: string, shape: BenchShape): Promise<number> {
  const out = fs.createWriteStream(file, { highWaterMark: 8 << 20 })
  const criteria = Array.from({ length: shape.criteria }, (_, c) => ({ name: `Критерий ${c + 1}: ${['Логичность', 'Полнота', 'Грамотность', 'Соответствие жанру', 'Фактическая точность', 'Стиль'][c % 6]}`, rubric: criterionRubric(c) }))
  const models = Array.from({ length: shape.models }, (_, m) => MODELS[m % MODELS.length] + (m >= MODELS.length ? `-${m}` : ''))
  let bytes = 0
  let buffer = ''
  const flush = async () => {
    bytes += Buffer.byteLength(buffer)
    if (!out.write(buffer)) await new Promise<void>((resolve) => out.once('drain', () => resolve()))
    buffer = ''
  }
  for (let i = 0; i < shape.instructions; i++) {
    const random = rng(i + 1)
    const instruction = `Задание ${i + 1}. ${paragraph(random, 140)}`
    const reference = random() < 0.5 ? paragraph(random, 90) : null
    for (const model of models) {
      const answer = `${paragraph(random, 190)}\n\n- ${sentence(random, 8)}\n- ${sentence(random, 8)}\n\n${paragraph(random, 90)}`
      for (const criterion of criteria) {
        for (let a = 0; a < shape.annotators; a++) {
          buffer +=
            JSON.stringify({
              instruction_id: `bench-${i + 1}`,
              instruction,
              reference_answer: reference,
              model,
              answer,
              criterion: criterion.name,
              rubric: criterion.rubric,
              annotator: `Эксперт ${a + 1}`,
              score: Math.floor(random() * 3),
              rationale: paragraph(random, 60),
              task: 'QA / Concept Explanation',
              difficulty: ['easy', 'medium', 'hard'][i % 3],
              domain: 'Общее',
            }) + '\n'
        }
      }
    }
    if (buffer.length > 4 << 20) await flush()
  }
  await flush()
  await new Promise<void>((resolve, reject) => out.end((error?: Error | null) => (error ? reject(error) : resolve())))
  return bytes
}
