import { QualityOptions as QualityOptionsSchema, type QualityItem, type QualityItemsFigure, type QualityOptions, type QualityReport } from '@shared/api/qualityOperations'
import { openProject, type Db } from '../../db'
import type { StatsInput } from '../engine'
import { roundHalfUp } from '../engine/compare'
import { loadProject } from '../load/loadProject'
import { computeQuality, type QualityResult } from './computeQuality'
import { loadQuality, type QualityData } from './loadQuality'

export { fitMace, type MaceFit } from './maceFit'
export type { QualityData } from './loadQuality'
export { controlAccuracyByAnnotator, type ControlAccuracy, type ControlTally } from './controlAccuracy'

/** The engine's input and the behaviour data of a project, read once. */
export interface QualitySource {
  input: StatsInput
  data: QualityData
}

export function readQualitySource(db: Db): QualitySource {
  const input = loadProject(db)
  return { input, data: loadQuality(db, input) }
}

export function qualityOf(source: QualitySource, options: Partial<QualityOptions> = {}): QualityResult {
  return computeQuality(source.input, source.data, QualityOptionsSchema.parse(options))
}

/** `castor quality`: the per-annotator quality of a project file (opened read-only) or an open connection. */
export function computeProjectQuality(project: Db | string, options: Partial<QualityOptions> = {}): QualityReport {
  if (typeof project !== 'string') return qualityOf(readQualitySource(project), options).report
  const db = openProject(project, { readOnly: true })
  try {
    return qualityOf(readQualitySource(db), options).report
  } finally {
    db.close()
  }
}

export interface QualityItemsQuery {
  annotator: string
  figure: QualityItemsFigure
  criterionId?: number
  other?: string
  rushedSeconds: number
  limit: number
}

/** The annotator's items behind one figure of the quality table (the click-through), by item id. */
export function qualityItems(source: QualitySource, query: QualityItemsQuery): { total: number; rows: QualityItem[] } {
  const { input, data } = source
  const a = input.annotatorNames.indexOf(query.annotator)
  if (a < 0) return { total: 0, rows: [] }
  const criterion = query.criterionId === undefined ? -1 : input.criterionIds.indexOf(query.criterionId)
  // engine scores by item: the annotator's own (first submitted) and the others'
  const own = new Map<number, number>()
  const others = new Map<number, number[]>()
  const peer = query.figure === 'peer' ? input.annotatorNames.indexOf(query.other ?? '') : -1
  const peerScored = new Set<number>()
  for (let r = 0; r < input.scores.length; r++) {
    const i = input.scores.item[r]
    if (input.scores.rater[r] === a) own.set(i, input.scores.value[r])
    else {
      let list = others.get(i)
      if (!list) others.set(i, (list = []))
      list.push(input.scores.value[r])
      if (input.scores.rater[r] === peer) peerScored.add(i)
    }
  }
  const judged = new Set<number>()
  if (query.figure === 'judge') {
    const run = input.judges.find((j) => j.name === query.other)
    if (run) for (let k = 0; k < run.length; k++) judged.add(run.item[k])
  }
  const straightAnswers = new Set<number>()
  if (query.figure === 'straightLined') {
    const byAnswer = new Map<number, number[]>()
    for (let r = 0; r < data.length; r++) {
      if (data.annotator[r] !== a || data.notApplicable[r]) continue
      const list = byAnswer.get(data.response[r]) ?? []
      list.push(data.score[r])
      byAnswer.set(data.response[r], list)
    }
    for (const [response, list] of byAnswer) if (list.length >= 2 && list.every((s) => s === list[0])) straightAnswers.add(response)
  }
  const counted = query.figure === 'controls' ? data.controls?.counted.get(a) : undefined
  const rows: QualityItem[] = []
  for (let r = 0; r < data.length; r++) {
    if (data.annotator[r] !== a) continue
    const i = data.item[r]
    const c = input.itemCriterion[i]
    if (criterion >= 0 && c !== criterion) continue
    // a control shows the score its accuracy counted (controlAccuracy.ts), which a later revision does not change
    const score = counted?.has(input.itemId[i]) ? (counted.get(input.itemId[i]) as number | null) : (own.get(i) ?? (data.notApplicable[r] ? null : data.score[r]))
    const list = others.get(i)
    const othersMean = list?.length ? list.reduce((x, y) => x + y, 0) / list.length : null
    const consensus = othersMean === null ? null : roundHalfUp(othersMean, input.criterionLevels[c])
    const time = data.timeMs[r]
    const keep = (() => {
      switch (query.figure) {
        case 'scores':
          return true
        case 'consensus':
          return own.has(i) && consensus !== null
        case 'disagreeWithConsensus':
          return own.has(i) && consensus !== null && score !== consensus
        case 'rushed':
          return !Number.isNaN(time) && time < query.rushedSeconds * 1000
        case 'notApplicable':
          return data.notApplicable[r] === 1
        case 'revised':
          return data.revised[r] === 1
        case 'straightLined':
          return straightAnswers.has(data.response[r])
        case 'judge':
          return own.has(i) && judged.has(i)
        case 'peer':
          return own.has(i) && peerScored.has(i)
        case 'controls':
          return counted?.has(input.itemId[i]) === true
      }
    })()
    if (!keep) continue
    rows.push({
      itemId: input.itemId[i],
      instruction: input.instructionNames[input.itemInstruction[i]],
      model: input.modelNames[input.itemModel[i]],
      criterion: input.criterionNames[c],
      score,
      othersMean,
      consensus,
      activeSeconds: Number.isNaN(time) ? null : time / 1000,
      revised: data.revised[r] === 1,
    })
  }
  rows.sort((x, y) => x.itemId - y.itemId)
  return { total: rows.length, rows: rows.slice(0, query.limit) }
}
