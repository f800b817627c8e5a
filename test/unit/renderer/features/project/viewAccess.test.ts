import { describe, expect, it } from 'vitest'
import { landingView, mayOpen, shownView } from '../../../../../src/renderer/features/project/viewAccess'

const order = ['browse', 'annotate', 'team', 'criteria', 'judge', 'analytics'] as const

describe('viewAccess', () => {
  it('lets an annotator open only the annotate screen', () => {
    expect(order.filter((view) => mayOpen('annotator', view))).toEqual(['annotate'])
  })

  it('lets leads and the owner open every screen', () => {
    expect(order.filter((view) => mayOpen('lead', view))).toEqual([...order])
    expect(order.filter((view) => mayOpen('owner', view))).toEqual([...order])
  })

  it('lands annotators on annotate and everyone else on browse', () => {
    expect(landingView('annotator')).toBe('annotate')
    expect(landingView('lead')).toBe('browse')
    expect(landingView('owner')).toBe('browse')
  })

  it('shows the landing screen instead of one the role may not open', () => {
    expect(shownView('annotator', 'browse', order)).toBe('annotate')
    expect(shownView('annotator', 'team', order)).toBe('annotate')
    expect(shownView('lead', 'team', order)).toBe('team')
    expect(shownView('owner', null, order)).toBe('browse')
  })
})
