import { describe, expect, it } from 'vitest'
import { difficultyLevel, indexTaskNames, localTaskPath } from '../../../../../src/renderer/features/instructions/taskLabels'

const index = indexTaskNames([
  { path: 'Technical Problems', nameEn: 'Technical Problems', nameRu: 'Решение технических задач' },
  { path: 'Technical Problems / Code creation', nameEn: 'Code creation', nameRu: 'Написать код' },
  { path: 'Technical Problems / Code creation / Python', nameEn: 'Python', nameRu: 'Python' },
  { path: 'QA', nameEn: 'QA', nameRu: null },
])

describe('localTaskPath', () => {
  it('names every level of a known path in Russian when the UI is Russian', () => {
    expect(localTaskPath('Technical Problems / Code creation / Python', index, 'ru')).toBe('Решение технических задач / Написать код / Python')
  })

  it('keeps the English names when the UI is English', () => {
    expect(localTaskPath('Technical Problems / Code creation', index, 'en')).toBe('Technical Problems / Code creation')
  })

  it('matches paths whatever their capitalisation', () => {
    expect(localTaskPath('technical problems / CODE CREATION', index, 'ru')).toBe('Решение технических задач / Написать код')
  })

  it('leaves levels the taxonomy does not know, or has no Russian name for, as written', () => {
    expect(localTaskPath('Technical Problems / Rust', index, 'ru')).toBe('Решение технических задач / Rust')
    expect(localTaskPath('QA / Fact checking', index, 'ru')).toBe('QA / Fact checking')
    expect(localTaskPath('Свой раздел', indexTaskNames([]), 'ru')).toBe('Свой раздел')
  })
})

describe('difficultyLevel', () => {
  it('recognises POLLUX levels, and nothing else', () => {
    expect(difficultyLevel('easy')).toBe('easy')
    expect(difficultyLevel(' Hard ')).toBe('hard')
    expect(difficultyLevel('expert')).toBeNull()
  })
})
