// Schema version 1: the first Castor project file.
export const sql = /* sql */ `
-- Castor project file, schema version 1.
-- Scores are REAL so that scales such as 0–2, 0/1 or 1–5 (and half points) fit; NULL score = not applicable.

CREATE TABLE project_meta (
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) STRICT;

CREATE TABLE imports (
  id          INTEGER PRIMARY KEY,
  source      TEXT NOT NULL,
  format      TEXT NOT NULL,
  sha256      TEXT,
  rows        INTEGER NOT NULL,
  summary     TEXT,                 -- JSON of what the import added
  imported_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE instructions (
  id               INTEGER PRIMARY KEY,
  external_id      TEXT NOT NULL UNIQUE,
  text             TEXT NOT NULL,
  reference_answer TEXT,
  task_path        TEXT,            -- POLLUX task taxonomy path, levels joined by ' / '
  difficulty       TEXT,
  domain           TEXT,
  meta             TEXT             -- JSON object with anything else the source carried
) STRICT;

CREATE TABLE responses (
  id             INTEGER PRIMARY KEY,
  instruction_id INTEGER NOT NULL REFERENCES instructions(id) ON DELETE CASCADE,
  model          TEXT NOT NULL,
  text           TEXT NOT NULL,
  UNIQUE (instruction_id, model)
) STRICT;

CREATE TABLE criteria (
  id           INTEGER PRIMARY KEY,
  external_id  TEXT NOT NULL UNIQUE,
  name         TEXT NOT NULL,
  description  TEXT,
  group_name   TEXT,
  language     TEXT NOT NULL DEFAULT 'ru',
  translations TEXT               -- JSON: { "en": { name, description, group, levels: { "0": text } } }
) STRICT;
CREATE INDEX criteria_by_name ON criteria(name);

-- One row per allowed score: the scale is the set of these rows.
CREATE TABLE criterion_levels (
  criterion_id INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
  score        REAL NOT NULL,
  text         TEXT NOT NULL,
  PRIMARY KEY (criterion_id, score)
) STRICT, WITHOUT ROWID;

-- The criteria an instruction is to be scored on (POLLUX instruction sets); answers added later get these items.
CREATE TABLE instruction_criteria (
  instruction_id INTEGER NOT NULL REFERENCES instructions(id) ON DELETE CASCADE,
  criterion_id   INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
  PRIMARY KEY (instruction_id, criterion_id)
) STRICT, WITHOUT ROWID;

-- The POLLUX task taxonomy (tasks.json): one row per node, keyed by its path of English names.
CREATE TABLE tasks (
  id          INTEGER PRIMARY KEY,
  path        TEXT NOT NULL UNIQUE,  -- e.g. 'QA / Concept Explanation', levels joined by ' / '
  parent_path TEXT,
  level       INTEGER NOT NULL,
  name_en     TEXT NOT NULL,
  name_ru     TEXT,
  desc_en     TEXT,
  desc_ru     TEXT,
  criteria    TEXT,                  -- JSON array of criterion external ids (leaves)
  has_gold    INTEGER,
  complexity  TEXT,                  -- JSON { easy: {en, ru}, medium: …, hard: … }
  domain      TEXT                   -- JSON as in the source
) STRICT;

CREATE TABLE items (
  id           INTEGER PRIMARY KEY,
  response_id  INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  criterion_id INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
  gold_score   REAL,              -- a published aggregate score (POLLUX criteria_score), when the source has one
  UNIQUE (response_id, criterion_id)
) STRICT;
CREATE INDEX items_by_criterion ON items(criterion_id);

CREATE TABLE annotators (
  id           INTEGER PRIMARY KEY,
  name         TEXT NOT NULL UNIQUE,
  role         TEXT NOT NULL DEFAULT 'annotator' CHECK (role IN ('owner', 'lead', 'annotator')),
  ui_language  TEXT,
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE annotations (
  id             INTEGER PRIMARY KEY,
  item_id        INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  annotator_id   INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
  score          REAL,            -- NULL with not_applicable = 1
  not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
  rationale      TEXT,
  time_spent_ms  INTEGER,
  status         TEXT NOT NULL DEFAULT 'submitted' CHECK (status IN ('draft', 'submitted')),
  import_id      INTEGER REFERENCES imports(id), -- the import that last wrote it; NULL when made in Castor
  created_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (item_id, annotator_id),
  CHECK ((not_applicable = 1 AND score IS NULL) OR (not_applicable = 0))
) STRICT;
CREATE INDEX annotations_by_annotator ON annotations(annotator_id);

-- Earlier states of an annotation, oldest first (revision 1 is the first submission).
-- Written when a submitted annotation changes; an annotation never revised has none.
CREATE TABLE annotation_revisions (
  annotation_id  INTEGER NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
  revision       INTEGER NOT NULL,
  score          REAL,
  not_applicable INTEGER NOT NULL DEFAULT 0,
  rationale      TEXT,
  status         TEXT NOT NULL,
  saved_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  PRIMARY KEY (annotation_id, revision)
) STRICT, WITHOUT ROWID;

CREATE TABLE judge_runs (
  id               INTEGER PRIMARY KEY,
  name             TEXT NOT NULL UNIQUE,
  model            TEXT NOT NULL,   -- model identity: file name or remote model name
  model_hash       TEXT,            -- file hash of a local model
  prompt_version   TEXT,
  prompt_hash      TEXT,
  decoding         TEXT,            -- JSON of decoding parameters
  backend          TEXT NOT NULL DEFAULT 'imported' CHECK (backend IN ('imported', 'llama-cpp', 'openai')),
  status           TEXT NOT NULL DEFAULT 'done' CHECK (status IN ('pending', 'running', 'paused', 'done', 'cancelled', 'failed')),
  created_at       TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  started_at       TEXT,
  finished_at      TEXT
) STRICT;

CREATE TABLE judgments (
  id                  INTEGER PRIMARY KEY,
  run_id              INTEGER NOT NULL REFERENCES judge_runs(id) ON DELETE CASCADE,
  item_id             INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  raw_output          TEXT,
  score               REAL,
  not_applicable      INTEGER NOT NULL DEFAULT 0,
  rationale           TEXT,
  score_probabilities TEXT,         -- JSON { "0": p, "1": p, ... }
  prompt_tokens       INTEGER,
  completion_tokens   INTEGER,
  latency_ms          INTEGER,
  error               TEXT,
  import_id           INTEGER REFERENCES imports(id),
  created_at          TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  UNIQUE (run_id, item_id)
) STRICT;
CREATE INDEX judgments_by_item ON judgments(item_id);
`
