/**
 * Schema version 6: criteria sets and guidelines. A criteria set is a named list of criteria attached to
 * instructions (all, a task path prefix, or an imported column's value); every answer to those instructions gets an
 * item per criterion (services/criteria/expansion.ts). Guidelines are versioned; annotators' last seen version of
 * each tells the item screen what changed since. Append-only once released.
 */
export const sql = /* sql */ `
-- Whether annotators may answer "not applicable" on a criterion (hand-written criteria choose; POLLUX allows it).
ALTER TABLE criteria ADD COLUMN not_applicable_allowed INTEGER NOT NULL DEFAULT 1 CHECK (not_applicable_allowed IN (0, 1));

CREATE TABLE criteria_sets (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

CREATE TABLE criteria_set_members (
  set_id       INTEGER NOT NULL REFERENCES criteria_sets(id) ON DELETE CASCADE,
  criterion_id INTEGER NOT NULL REFERENCES criteria(id) ON DELETE CASCADE,
  position     INTEGER NOT NULL,
  PRIMARY KEY (set_id, criterion_id)
) STRICT, WITHOUT ROWID;

-- Which instructions a set applies to: all of them, a task path and everything under it, or the instructions whose
-- imported column (difficulty, domain, or a key of instructions.meta) has a value.
CREATE TABLE criteria_set_targets (
  id          INTEGER PRIMARY KEY,
  set_id      INTEGER NOT NULL REFERENCES criteria_sets(id) ON DELETE CASCADE,
  kind        TEXT NOT NULL CHECK (kind IN ('all', 'task', 'column')),
  column_name TEXT,
  value       TEXT,
  CHECK ((kind = 'all' AND column_name IS NULL AND value IS NULL)
      OR (kind = 'task' AND column_name IS NULL AND value IS NOT NULL)
      OR (kind = 'column' AND column_name IS NOT NULL AND value IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX criteria_set_targets_unique ON criteria_set_targets(set_id, kind, coalesce(column_name, ''), coalesce(value, ''));

-- Guidelines: one for the project, one per task path, one per criterion. version grows by one on every edit.
CREATE TABLE guidelines (
  id           INTEGER PRIMARY KEY,
  scope        TEXT NOT NULL CHECK (scope IN ('project', 'task', 'criterion')),
  task_path    TEXT,
  criterion_id INTEGER REFERENCES criteria(id) ON DELETE CASCADE,
  text         TEXT NOT NULL,
  version      INTEGER NOT NULL DEFAULT 1,
  updated_at   TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  CHECK ((scope = 'project' AND task_path IS NULL AND criterion_id IS NULL)
      OR (scope = 'task' AND task_path IS NOT NULL AND criterion_id IS NULL)
      OR (scope = 'criterion' AND task_path IS NULL AND criterion_id IS NOT NULL))
) STRICT;
CREATE UNIQUE INDEX guidelines_by_target ON guidelines(scope, coalesce(task_path, ''), coalesce(criterion_id, 0));

-- The version of each guideline an annotator last saw on the item screen.
CREATE TABLE guideline_views (
  annotator_id INTEGER NOT NULL REFERENCES annotators(id) ON DELETE CASCADE,
  guideline_id INTEGER NOT NULL REFERENCES guidelines(id) ON DELETE CASCADE,
  version      INTEGER NOT NULL,
  PRIMARY KEY (annotator_id, guideline_id)
) STRICT, WITHOUT ROWID;
`
