// Schema version 2: the annotation workbench (sign-in, assignment with overlap, drafts, adjudication).
export const sql = /* sql */ `
-- One row: the project's workbench settings.
CREATE TABLE workbench_settings (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  overlap            INTEGER NOT NULL DEFAULT 2 CHECK (overlap BETWEEN 1 AND 50),      -- k annotators per answer
  rationale_required INTEGER NOT NULL DEFAULT 1 CHECK (rationale_required IN (0, 1)),
  agreement_source   TEXT NOT NULL DEFAULT 'first' CHECK (agreement_source IN ('first', 'latest'))
) STRICT;
INSERT INTO workbench_settings (id) VALUES (1);

-- Annotators: quota (answers in all), filters (JSON AnnotatorFilters), soft removal (their scores stay),
-- and where the last claim was made (a hint that keeps the next claim's index scan short).
ALTER TABLE annotators ADD COLUMN quota INTEGER CHECK (quota IS NULL OR quota >= 0);
ALTER TABLE annotators ADD COLUMN filters TEXT;
ALTER TABLE annotators ADD COLUMN removed_at TEXT;
ALTER TABLE annotators ADD COLUMN claim_cursor INTEGER NOT NULL DEFAULT 0;

-- Personal sign-in links: only the SHA-256 (hex) of each token is stored.
CREATE TABLE annotator_tokens (
  id           INTEGER PRIMARY KEY,
  annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
  token_sha256 TEXT NOT NULL UNIQUE CHECK (length(token_sha256) = 64),
  created_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  revoked_at   TEXT
) STRICT;
CREATE INDEX annotator_tokens_by_annotator ON annotator_tokens(annotator_id);

-- How many annotators an answer is assigned to, kept by the triggers below; indexed so the least-assigned
-- answer is found without a scan.
ALTER TABLE responses ADD COLUMN slots_taken INTEGER NOT NULL DEFAULT 0;
CREATE INDEX responses_by_slots ON responses(slots_taken, id);

-- An answer (all its criteria) assigned to one annotator. completed_at: every criterion submitted.
CREATE TABLE assignments (
  id           INTEGER PRIMARY KEY,
  response_id  INTEGER NOT NULL REFERENCES responses(id) ON DELETE CASCADE,
  annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
  assigned_at  TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  completed_at TEXT,
  UNIQUE (response_id, annotator_id)
) STRICT;
CREATE INDEX assignments_by_annotator ON assignments(annotator_id, completed_at, id);

-- Never more than k annotators per answer, whatever the caller does.
CREATE TRIGGER assignments_within_overlap BEFORE INSERT ON assignments
WHEN (SELECT slots_taken FROM responses WHERE id = NEW.response_id) >= (SELECT overlap FROM workbench_settings WHERE id = 1)
BEGIN
  SELECT RAISE(ABORT, 'overlap: this answer already has k annotators');
END;
CREATE TRIGGER assignments_count_insert AFTER INSERT ON assignments
BEGIN
  UPDATE responses SET slots_taken = slots_taken + 1 WHERE id = NEW.response_id;
END;
CREATE TRIGGER assignments_count_delete AFTER DELETE ON assignments
BEGIN
  UPDATE responses SET slots_taken = slots_taken - 1 WHERE id = OLD.response_id;
END;

-- When an annotation was first submitted (items per hour); NULL for drafts and for imported scores.
ALTER TABLE annotations ADD COLUMN submitted_at TEXT;
-- (No further index on annotations by item: UNIQUE (item_id, annotator_id) serves the lead views, and one more index on
-- the largest table would slow every import.)
-- Lead progress: per annotator counts, first/last submission and median active time without reading every row.
CREATE INDEX annotations_submitted ON annotations(annotator_id, time_spent_ms, submitted_at) WHERE submitted_at IS NOT NULL;

-- A lead's final score for an item.
CREATE TABLE adjudications (
  item_id        INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  score          REAL,
  not_applicable INTEGER NOT NULL DEFAULT 0 CHECK (not_applicable IN (0, 1)),
  note           TEXT,
  adjudicator_id INTEGER REFERENCES annotators(id) ON DELETE SET NULL,
  adjudicator    TEXT NOT NULL,
  updated_at     TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((not_applicable = 1 AND score IS NULL) OR (not_applicable = 0 AND score IS NOT NULL))
) STRICT;
`
