// api: ready — parseJudgeOutput, summarizeScoreProbabilities, regressionVariantReason, JUDGE_END_MARKER, JUDGE_RESULT_MARKER
/**
 * Reading what a POLLUX judge wrote. Two shapes exist:
 * - 7B/32B: `[FEEDBACK] rationale [RESULT] score [END]`;
 * - 4B (Qwen3): `<think>reasoning</think>` then a bare score; a server with a reasoning parser returns the
 *   reasoning in a separate `reasoning` field and only the score as content.
 * Whitespace is tolerated everywhere, so is a missing `[END]` (generation stopped on it, or ran out). A score
 * outside the criterion's scale or an output that names no score is an error with the raw text kept by the
 * caller: never a silent zero, never clamped.
 */

export const JUDGE_FEEDBACK_MARKER = '[FEEDBACK]'
export const JUDGE_RESULT_MARKER = '[RESULT]'
export const JUDGE_END_MARKER = '[END]'

export type JudgeOutputShape = 'feedback-result' | 'think-score' | 'bare-score'

export interface ParsedJudgeOutput {
  /** A score from the scale, or null with `error` set. */
  score: number | null
  /** The rationale: `[FEEDBACK]` text, or the reasoning when that is all there is. */
  feedback: string | null
  /** `<think>…</think>` text or the server's `reasoning` field. */
  reasoning: string | null
  shape: JudgeOutputShape | null
  error: string | null
}

/** Chat-template end tokens that can leak into text when a backend does not strip them. */
const TRAILING_SPECIALS = /(?:\s*(?:<\|im_end\|>|<\|endoftext\|>|<\/s>|<\|eot_id\|>))+\s*$/
const NUMBER = /^[-+]?\d+(?:[.,]\d+)?/

export interface ParseJudgeOutputOptions {
  /** A server's separate reasoning field (vLLM/SGLang `--reasoning-parser qwen3`), when present. */
  reasoning?: string | null
}

export function parseJudgeOutput(raw: string, allowedScores: readonly number[], options: ParseJudgeOutputOptions = {}): ParsedJudgeOutput {
  const text = (raw ?? '').replace(TRAILING_SPECIALS, '')
  let reasoning = clean(options.reasoning)
  let body = text

  // <think>…</think>: the template may have opened the block in the prompt, so a lone `</think>` counts too.
  const close = body.lastIndexOf('</think>')
  if (close >= 0) {
    const open = body.indexOf('<think>')
    const inner = body.slice(open >= 0 && open < close ? open + '<think>'.length : 0, close)
    reasoning = joinReasoning(reasoning, clean(inner))
    body = body.slice(close + '</think>'.length)
  } else if (body.trimStart().startsWith('<think>')) {
    const cut = joinReasoning(reasoning, clean(body.trimStart().slice('<think>'.length)))
    return failure(cut, cut, 'the output ends inside <think> without a score (the reasoning was cut off)')
  }

  const resultAt = body.lastIndexOf(JUDGE_RESULT_MARKER)
  if (resultAt >= 0) {
    let feedbackText = body.slice(0, resultAt)
    const feedbackAt = feedbackText.indexOf(JUDGE_FEEDBACK_MARKER)
    if (feedbackAt >= 0) feedbackText = feedbackText.slice(feedbackAt + JUDGE_FEEDBACK_MARKER.length)
    const feedback = clean(feedbackText) ?? reasoning
    const after = body.slice(resultAt + JUDGE_RESULT_MARKER.length).trimStart()
    const number = NUMBER.exec(after)
    if (!number) return failure(feedback, reasoning, `no score after ${JUDGE_RESULT_MARKER}`)
    const rest = after.slice(number[0].length)
    const endAt = rest.indexOf(JUDGE_END_MARKER)
    const between = (endAt >= 0 ? rest.slice(0, endAt) : rest).trim()
    if (between !== '' && between !== '.') {
      return failure(feedback, reasoning, `unexpected text after the score ${JSON.stringify(number[0])}: ${JSON.stringify(between.slice(0, 40))}`)
    }
    return withScore(number[0], allowedScores, feedback, reasoning, 'feedback-result')
  }

  if (body.includes(JUDGE_FEEDBACK_MARKER)) return failure(clean(body.slice(body.indexOf(JUDGE_FEEDBACK_MARKER) + JUDGE_FEEDBACK_MARKER.length)), reasoning, `no ${JUDGE_RESULT_MARKER} in the output`)

  // A bare score, optionally wrapped in `**…**` or followed by `[END]`/a full stop.
  const bare = body.replace(JUDGE_END_MARKER, '').trim().replace(/^\*\*(.*)\*\*$/s, '$1').replace(/\.$/, '').trim()
  if (bare === '') return failure(reasoning, reasoning, reasoning ? 'no score after the reasoning' : 'the output is empty')
  const number = NUMBER.exec(bare)
  if (!number || number[0].length !== bare.length) {
    return failure(reasoning, reasoning, `no ${JUDGE_RESULT_MARKER} and no bare score in the output`)
  }
  return withScore(number[0], allowedScores, reasoning, reasoning, reasoning ? 'think-score' : 'bare-score')
}

function withScore(
  token: string,
  allowedScores: readonly number[],
  feedback: string | null,
  reasoning: string | null,
  shape: JudgeOutputShape,
): ParsedJudgeOutput {
  const score = Number(token.replace(',', '.'))
  if (!Number.isFinite(score)) return failure(feedback, reasoning, `the score ${JSON.stringify(token)} is not a number`)
  if (!allowedScores.some((allowed) => Math.abs(allowed - score) < 1e-9)) {
    return failure(feedback, reasoning, `the score ${token} is outside the criterion's scale (${allowedScores.join(', ')})`)
  }
  return { score, feedback, reasoning, shape, error: null }
}

function failure(feedback: string | null, reasoning: string | null, error: string): ParsedJudgeOutput {
  return { score: null, feedback, reasoning, shape: null, error }
}

function clean(text: string | null | undefined): string | null {
  const trimmed = (text ?? '').trim()
  return trimmed === '' ? null : trimmed
}

function joinReasoning(first: string | null, second: string | null): string | null {
  if (first && second && first !== second) return `${first}\n\n${second}`
  return first ?? second
}

export interface ScoreDistribution {
  /** Ascending by score, summing to 1. */
  scoreProbabilities: { score: number; probability: number }[]
  expectedScore: number
  /** Shannon entropy in nats. */
  entropy: number
}

/**
 * Normalizes weights (probabilities, or exp(logprob)) over the allowed scores into a distribution with its
 * expected score and entropy. Scores missing from `weights` get probability 0. Null when every weight is 0.
 */
export function summarizeScoreProbabilities(allowedScores: readonly number[], weights: ReadonlyMap<number, number> | Record<number, number>): ScoreDistribution | null {
  const get = (score: number) => (weights instanceof Map ? weights.get(score) : (weights as Record<number, number>)[score]) ?? 0
  const scores = [...allowedScores].sort((a, b) => a - b)
  const raw = scores.map((score) => Math.max(0, Number.isFinite(get(score)) ? get(score) : 0))
  const total = raw.reduce((sum, weight) => sum + weight, 0)
  if (!(total > 0)) return null
  const scoreProbabilities = scores.map((score, index) => ({ score, probability: raw[index] / total }))
  const expectedScore = scoreProbabilities.reduce((sum, { score, probability }) => sum + score * probability, 0)
  const entropy = scoreProbabilities.reduce((sum, { probability }) => (probability > 0 ? sum - probability * Math.log(probability) : sum), 0)
  return { scoreProbabilities, expectedScore, entropy }
}

/** Softmax of log-probabilities (or logits) over the allowed scores; scores absent from `logits` get probability 0. */
export function scoreDistributionFromLogits(allowedScores: readonly number[], logits: ReadonlyMap<number, number>): ScoreDistribution | null {
  const present = allowedScores.filter((score) => logits.has(score) && Number.isFinite(logits.get(score)))
  if (present.length === 0) return null
  const max = Math.max(...present.map((score) => logits.get(score) as number))
  const weights = new Map<number, number>()
  for (const score of present) weights.set(score, Math.exp((logits.get(score) as number) - max))
  return summarizeScoreProbabilities(allowedScores, weights)
}

/**
 * The regression variants (`pollux-judge-7b-r`, `pollux-judge-32b-r`) score with a regression head that GGUF
 * files and chat APIs do not carry: their text output has no score to read. Returns why a model is refused,
 * or null when it is fine. Looks at the model name or file name (extension and quantization suffixes ignored).
 */
export function regressionVariantReason(modelNameOrPath: string): string | null {
  const base = modelNameOrPath.split(/[\\/]/).pop() ?? modelNameOrPath
  const stem = base.replace(/\.gguf$/i, '').replace(/[-_.](?:[a-z]*\d+[a-z0-9_]*|f16|f32|bf16)$/i, '')
  const lowered = stem.toLowerCase()
  const isRegression = /-r$/.test(lowered) || /-r[-_.]/.test(lowered.replace(/^.*pollux/, ''))
  if (!isRegression) return null
  return (
    `${base} is a POLLUX regression variant (-r): its score comes from a regression head that GGUF files and ` +
    'OpenAI-compatible chat APIs do not carry, so its text output has no score to read. Use the seq2seq judge ' +
    '(pollux-judge-7b, pollux-judge-32b or Pollux-4B-Judge) instead.'
  )
}
