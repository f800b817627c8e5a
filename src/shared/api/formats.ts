/** The file formats of imports and exports, as plain lists (the CLI reads them without loading zod). */
export const importFormats = [
  'auto',
  'generic-jsonl',
  'generic-csv',
  'generic-parquet',
  'pollux-jsonl',
  'pollux-parquet',
  'pollux-instructions',
  'pollux-criteria',
  'pollux-tasks',
] as const

export const exportFormats = ['jsonl', 'csv', 'parquet', 'aggregate', 'criterion-summary', 'pollux-train'] as const

/** The POLLUX taxonomies Castor ships (resources/pollux): each is imported with the format of the same name. */
export const polluxLibraries = ['pollux-criteria', 'pollux-tasks'] as const
