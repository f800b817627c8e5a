import type { MappingDictionary } from './mapping.ru'

export const mappingEn: MappingDictionary = {
  title: 'Columns of the file',
  intro: 'The columns of {{file}} are not Castor’s format. Say what each column holds; the others are skipped.',
  savedFrom: 'Mapping saved when {{file}} was imported.',
  usedSaved: 'Used the mapping saved when {{file}} was imported.',
  preview: 'First rows',
  field: 'What the column holds',
  ignore: '— skip —',
  importMapped: 'Import',
  back: 'Another file',
  reading: 'Reading the head of the file…',
  noScores: 'Without criterion and score columns the answers become work to annotate.',
  fields: {
    instruction_id: 'Instruction id',
    instruction: 'Instruction',
    reference_answer: 'Reference answer',
    model: 'Model',
    answer: 'Answer',
    criterion: 'Criterion',
    rubric: 'Rubric',
    score: 'Score',
    annotator: 'Annotator',
    judge: 'Judge',
    rationale: 'Rationale',
    task: 'Task',
  },
  problems: {
    missing: 'A column for “{{field}}” is needed.',
    twice: 'Column “{{column}}” is chosen twice.',
    needsCriterion: '“{{field}}” needs a “Criterion” column.',
    needsRater: '“Score” needs an “Annotator” or “Judge” column.',
  },
  start: {
    newFile: 'The new project will be saved as',
    create: 'Create the project',
    demo: 'Open the demo',
    uploadProject: 'Open a .castor file…',
    served: 'This server serves no project yet. Create one, open the demo or upload a project file.',
  },
  live: {
    updated: 'The data changed',
  },
  filters: {
    search: 'Search',
  },
}
