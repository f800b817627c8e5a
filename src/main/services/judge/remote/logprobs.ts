import { JUDGE_RESULT_MARKER, summarizeScoreProbabilities, type ScoreDistribution } from '@shared/domain/judgeOutput'

/** One generated token with its alternatives, as chat (`logprobs.content`) and completions (`logprobs`) give them. */
export interface TokenLogprob {
  token: string
  logprob: number
  top: { token: string; logprob: number }[]
}

/** Reads both OpenAI logprob shapes into tokens; null when the server sent none (or something unreadable). */
export function readLogprobs(logprobs: unknown): TokenLogprob[] | null {
  if (!logprobs || typeof logprobs !== 'object') return null
  const value = logprobs as Record<string, unknown>
  if (Array.isArray(value.content)) {
    const tokens: TokenLogprob[] = []
    for (const entry of value.content as unknown[]) {
      if (!entry || typeof entry !== 'object') return null
      const { token, logprob, top_logprobs: top } = entry as Record<string, unknown>
      if (typeof token !== 'string' || typeof logprob !== 'number') return null
      const alternatives = Array.isArray(top)
        ? (top as unknown[]).flatMap((alt) => {
            const a = alt as Record<string, unknown> | null
            return a && typeof a.token === 'string' && typeof a.logprob === 'number' ? [{ token: a.token, logprob: a.logprob }] : []
          })
        : []
      tokens.push({ token, logprob, top: alternatives })
    }
    return tokens
  }
  if (Array.isArray(value.tokens) && Array.isArray(value.token_logprobs)) {
    const tops = Array.isArray(value.top_logprobs) ? (value.top_logprobs as unknown[]) : []
    return (value.tokens as unknown[]).map((token, index) => {
      const top = tops[index] && typeof tops[index] === 'object' ? (tops[index] as Record<string, unknown>) : {}
      return {
        token: String(token),
        logprob: Number((value.token_logprobs as unknown[])[index] ?? Number.NEGATIVE_INFINITY),
        top: Object.entries(top).flatMap(([alt, logprob]) => (typeof logprob === 'number' ? [{ token: alt, logprob }] : [])),
      }
    })
  }
  return null
}

/**
 * The character where the score starts in the generated text: after the last `[RESULT]`, else after `</think>`,
 * else the first non-blank character (the 4B judge's bare score).
 */
export function scoreOffset(text: string): number | null {
  let from = 0
  const result = text.lastIndexOf(JUDGE_RESULT_MARKER)
  if (result >= 0) from = result + JUDGE_RESULT_MARKER.length
  else {
    const think = text.lastIndexOf('</think>')
    if (think >= 0) from = think + '</think>'.length
  }
  const match = /\S/.exec(text.slice(from))
  return match ? from + match.index : null
}

/**
 * The probabilities of every allowed score at the score position, from the server's top logprobs there
 * (alternatives whose text, trimmed, is an allowed score; their weights summed and normalized over the scale).
 */
export function scoreDistributionFromLogprobs(tokens: readonly TokenLogprob[], allowedScores: readonly number[]): ScoreDistribution | null {
  const text = tokens.map((t) => t.token).join('')
  const offset = scoreOffset(text)
  if (offset === null) return null
  let start = 0
  for (const token of tokens) {
    const end = start + token.token.length
    if (offset >= start && offset < end) {
      // The token must begin the score (a leading space is fine), not carry text before it.
      if (text.slice(start, offset).trim() !== '') return null
      const byText = new Map(allowedScores.map((score) => [String(score), score]))
      const weights = new Map<number, number>()
      const alternatives = token.top.length ? token.top : [{ token: token.token, logprob: token.logprob }]
      for (const alt of alternatives) {
        const score = byText.get(alt.token.trim())
        if (score !== undefined) weights.set(score, (weights.get(score) ?? 0) + Math.exp(alt.logprob))
      }
      return summarizeScoreProbabilities(allowedScores, weights)
    }
    start = end
  }
  return null
}
