import type { Criterion } from '@shared/api/models'
import type { Me, MyAnnotation, RevealItem, WorkItem as WorkItemModel, WorkQueueRow } from '@shared/api/workbenchModels'
import { api } from '../api'

/**
 * The workbench contract as the item screen's store uses it: the operations of workbenchOperations.ts, mapped to
 * the shapes the screen shows. Every call acts on the signed-in caller's own work; the server scopes it.
 */

export interface QueueEntry {
  responseId: number
  preview: string
  model: string
  done: number
  total: number
}

export interface Mine {
  score: number | null
  notApplicable: boolean
  rationale: string | null
  status: 'draft' | 'submitted'
  timeSpentMs: number | null
  submitted: { score: number | null; notApplicable: boolean; rationale: string | null } | null
}

export interface WorkItem {
  itemId: number
  criterion: Criterion
  mine: Mine | null
}

export interface WorkAnswer {
  responseId: number
  instruction: { externalId: string; text: string; referenceAnswer: string | null }
  model: string
  text: string
  items: WorkItem[]
}

export interface RevealedScore {
  key: string
  who: string
  score: number | null
  notApplicable: boolean
  rationale: string | null
  detail?: string | null
  /** A judge's probability per allowed score, ascending by score; absent when the run did not record them. */
  probabilities?: { score: string; probability: number }[] | null
}

export interface RevealData {
  experts: RevealedScore[]
  judges: RevealedScore[]
}

export interface ScoreBody {
  score: number | null
  notApplicable: boolean
  rationale: string
  timeSpentMs: number
}

function mine(annotation: MyAnnotation | null): Mine | null {
  if (!annotation) return null
  return {
    score: annotation.score,
    notApplicable: annotation.notApplicable,
    rationale: annotation.rationale,
    status: annotation.status,
    timeSpentMs: annotation.activeMs,
    submitted:
      annotation.status === 'submitted'
        ? { score: annotation.score, notApplicable: annotation.notApplicable, rationale: annotation.rationale }
        : null,
  }
}

function workAnswer(item: WorkItemModel): WorkAnswer {
  return {
    responseId: item.responseId,
    instruction: { externalId: item.instruction.externalId, text: item.instruction.text, referenceAnswer: item.instruction.referenceAnswer },
    model: item.response.model,
    text: item.response.text,
    items: item.criteria.map((criterion) => ({ itemId: criterion.itemId, criterion: criterion.criterion, mine: mine(criterion.annotation) })),
  }
}

function queueEntry(row: WorkQueueRow): QueueEntry {
  return { responseId: row.responseId, preview: row.preview, model: row.model, done: row.submitted, total: row.criteria }
}

function reveal(item: RevealItem | undefined): RevealData | null {
  if (!item || !item.revealed) return null
  return {
    experts: item.others.map((other) => ({
      key: `a${other.annotatorId}`,
      who: other.annotator,
      score: other.score,
      notApplicable: other.notApplicable,
      rationale: other.rationale,
    })),
    judges: item.judges.map((judge, index) => ({
      key: `j${index}:${judge.run}`,
      who: judge.run,
      detail: judge.model !== judge.run ? judge.model : null,
      score: judge.score,
      notApplicable: judge.notApplicable,
      rationale: judge.rationale,
      probabilities: judge.probabilities
        ? Object.entries(judge.probabilities)
            .map(([score, probability]) => ({ score, probability }))
            .sort((a, b) => Number(a.score) - Number(b.score))
        : null,
    })),
  }
}

export const QUEUE_PAGE = 500

export const workbenchBackend = {
  me: (): Promise<Me> => api.invoke('me-get', {}),

  async queuePage(offset: number): Promise<{ total: number; entries: QueueEntry[] }> {
    const page = await api.invoke('work-queue', { offset, limit: QUEUE_PAGE, status: 'all' })
    return { total: page.total, entries: page.rows.map(queueEntry) }
  },

  async next(): Promise<{ answer: WorkAnswer | null; reason: 'none-left' | 'quota-reached' | null }> {
    const result = await api.invoke('work-next', {})
    return { answer: result.item ? workAnswer(result.item) : null, reason: result.reason }
  },

  answer: async (responseId: number): Promise<WorkAnswer> => workAnswer(await api.invoke('work-get', { responseId })),

  saveDraft: (itemId: number, body: ScoreBody) =>
    api.invoke('annotation-draft-save', {
      itemId,
      score: body.score,
      notApplicable: body.notApplicable,
      rationale: body.rationale,
      activeMs: Math.round(body.timeSpentMs),
    }),

  /** The blind first submission, or a revision of a submitted one. */
  submit: (itemId: number, body: ScoreBody, revision: boolean) =>
    api.invoke(revision ? 'annotation-revise' : 'annotation-submit', {
      itemId,
      score: body.score,
      notApplicable: body.notApplicable,
      rationale: body.rationale,
      activeMs: Math.round(body.timeSpentMs),
    }),

  /** Per item of the answer: what others and the judges gave, for items the caller has submitted. */
  async reveal(responseId: number): Promise<Record<number, RevealData | null>> {
    const result = await api.invoke('reveal-get', { responseId })
    return Object.fromEntries(result.items.map((item) => [item.itemId, reveal(item)]))
  },
}
