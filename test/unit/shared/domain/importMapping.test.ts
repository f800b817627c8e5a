import { describe, expect, it } from 'vitest'
import { columnSignature, mappingAttributes, mappingFromJson, mappingProblems, parseMappingSpec, suggestMapping } from '@shared/domain/importMapping'

describe('import mapping', () => {
  const columns = ['qid', 'prompt', 'system', 'response', 'metric', 'rating', 'expert', 'note']

  it('parses --map with the long format field names on the left', () => {
    expect(parseMappingSpec('instruction_id=qid, instruction=prompt,answer=response')).toEqual({ instruction_id: 'qid', instruction: 'prompt', answer: 'response' })
    expect(() => parseMappingSpec('question=prompt')).toThrow(/"question" is not a field; the fields are instruction_id, instruction/)
    expect(() => parseMappingSpec('instruction')).toThrow(/"instruction" is not FIELD=COLUMN/)
    expect(() => parseMappingSpec('answer=a,answer=b')).toThrow(/answer is mapped twice/)
  })

  it('reads a JSON mapping, skipping fields mapped to nothing', () => {
    expect(mappingFromJson({ instruction: 'prompt', answer: 'response', score: null })).toEqual({ instruction: 'prompt', answer: 'response' })
    expect(() => mappingFromJson(['prompt'])).toThrow(/JSON object/)
    expect(() => mappingFromJson({ answer: 3 })).toThrow(/column of answer must be text/)
  })

  it('takes meta.NAME as an instruction attribute in --map and JSON, and checks its column like a field', () => {
    expect(parseMappingSpec('instruction=prompt,answer=response,meta.source=origin')).toEqual({ instruction: 'prompt', answer: 'response', 'meta.source': 'origin' })
    expect(mappingFromJson({ instruction: 'prompt', answer: 'response', 'meta.Источник': 'note' })).toEqual({ instruction: 'prompt', answer: 'response', 'meta.Источник': 'note' })
    expect(mappingAttributes({ instruction: 'prompt', 'meta.a': 'x', 'meta.b': 'y' })).toEqual([['a', 'x'], ['b', 'y']])
    expect(() => parseMappingSpec('meta.=origin')).toThrow(/"meta\." is not a field; .* or meta\.NAME/)
    expect(() => parseMappingSpec('meta.a=x,meta.a=y')).toThrow(/meta\.a is mapped twice/)
    expect(mappingProblems({ instruction: 'prompt', answer: 'response', 'meta.kind': 'prompt', 'meta.x': 'nope' }, columns).map((problem) => problem.message)).toEqual([
      'column "prompt" is mapped to both instruction and meta.kind',
      'column "nope" (mapped to meta.x) is not in the file; its columns are qid, prompt, system, response, metric, rating, expert, note',
    ])
  })

  it('names the field and the column of every problem', () => {
    expect(mappingProblems({ instruction: 'prompt', answer: 'response' }, columns)).toEqual([])
    const problems = mappingProblems({ instruction: 'prompt', answer: 'responce', score: 'rating', rationale: 'prompt' }, columns)
    expect(problems.map((problem) => problem.message)).toEqual([
      'column "responce" (mapped to answer) is not in the file; its columns are qid, prompt, system, response, metric, rating, expert, note',
      'column "prompt" is mapped to both instruction and rationale',
      'score (column "rating") needs a column mapped to criterion',
      'score (column "rating") needs a column mapped to annotator or judge',
    ])
    expect(problems[0]).toMatchObject({ field: 'answer', column: 'responce' })
  })

  it('suggests the usual spellings and keys a mapping by its set of columns', () => {
    expect(suggestMapping(columns)).toEqual({ instruction_id: 'qid', instruction: 'prompt', model: 'system', answer: 'response', criterion: 'metric', score: 'rating', annotator: 'expert' })
    expect(columnSignature(['b', 'a'])).toBe(columnSignature(['a', 'b']))
    expect(columnSignature(['a', 'b'])).not.toBe(columnSignature(['a', 'b', 'c']))
  })
})
