/**
 * Schema version 5: column mappings of imports. A file whose columns are not Castor's long format is imported
 * through a mapping (field → column); the last mapping used for a set of columns is kept, keyed by the columns'
 * signature (importMapping.ts columnSignature: the sorted column names), and offered for the next such file.
 * Append-only once released.
 */
export const sql = /* sql */ `
CREATE TABLE import_mappings (
  signature  TEXT PRIMARY KEY,      -- JSON array of the file's column names, sorted
  mapping    TEXT NOT NULL,         -- JSON object: long-format field → column
  source     TEXT NOT NULL,         -- the file it was last used for (its name)
  used_at    TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;
ALTER TABLE imports ADD COLUMN mapping TEXT;  -- JSON of the mapping a mapped import used; NULL otherwise
`
