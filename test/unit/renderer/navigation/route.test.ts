import { describe, expect, it } from 'vitest'
import { formatRoute, parseRoute } from '../../../../src/renderer/navigation/route'

describe('parseRoute', () => {
  it('reads the tab of a fragment', () => {
    expect(parseRoute('#/analytics')).toEqual({ view: 'analytics' })
    expect(parseRoute('#/team')).toEqual({ view: 'team' })
  })

  it('reads the open item, or the open instruction and answer, on Browse', () => {
    expect(parseRoute('#/browse?item=123')).toEqual({ view: 'browse', item: 123 })
    expect(parseRoute('#/browse?instruction=4&answer=12')).toEqual({ view: 'browse', instruction: 4, answer: 12 })
    expect(parseRoute('#/browse?instruction=4')).toEqual({ view: 'browse', instruction: 4 })
  })

  it('ignores what names no tab or no valid id', () => {
    expect(parseRoute('')).toBeNull()
    expect(parseRoute('#/settings')).toBeNull()
    expect(parseRoute('#analytics')).toBeNull()
    expect(parseRoute('#/browse?item=0')).toEqual({ view: 'browse' })
    expect(parseRoute('#/browse?item=1e3&instruction=-2')).toEqual({ view: 'browse' })
    expect(parseRoute('#/browse?answer=5')).toEqual({ view: 'browse' })
    expect(parseRoute('#/browse?item=99999999999999999999')).toEqual({ view: 'browse' })
  })

  it('keeps a selection only on Browse', () => {
    expect(parseRoute('#/judge?item=3')).toEqual({ view: 'judge' })
  })
})

describe('formatRoute', () => {
  it('writes what parseRoute reads back', () => {
    for (const hash of ['#/analytics', '#/browse', '#/browse?item=123', '#/browse?instruction=4', '#/browse?instruction=4&answer=12']) {
      expect(formatRoute(parseRoute(hash)!)).toBe(hash)
    }
  })

  it('lets an item stand for its answer and instruction, and drops an answer without its instruction', () => {
    expect(formatRoute({ view: 'browse', instruction: 4, answer: 12, item: 123 })).toBe('#/browse?item=123')
    expect(formatRoute({ view: 'browse', answer: 12 })).toBe('#/browse')
    expect(formatRoute({ view: 'annotate', item: 3 })).toBe('#/annotate')
  })
})

describe('filters in the URL', () => {
  it('reads each view’s own filters and drops others and empty ones', () => {
    expect(parseRoute('#/browse?q=%D0%BD%D0%B5%D0%B1%D0%BE&item=3')).toEqual({ view: 'browse', item: 3, filters: { q: 'небо' } })
    expect(parseRoute('#/analytics?criterion=5&run=judge%201&q=x')).toEqual({ view: 'analytics', filters: { criterion: '5', run: 'judge 1' } })
    expect(parseRoute('#/team?annotator=2&score=0&model=&other=1')).toEqual({ view: 'team', filters: { annotator: '2', score: '0' } })
    expect(parseRoute('#/judge?criterion=5')).toEqual({ view: 'judge' })
  })

  it('writes them back after the selection, so a link opens the same list and item', () => {
    for (const hash of ['#/browse?item=3&q=sky', '#/browse?instruction=4&answer=12&q=a+b', '#/analytics?criterion=5&run=judge', '#/team?section=review&annotator=2&criterion=7&model=GigaChat&score=1']) {
      expect(formatRoute(parseRoute(hash)!)).toBe(hash)
    }
    expect(formatRoute({ view: 'team', filters: { q: 'not a team filter' } })).toBe('#/team')
  })
})
