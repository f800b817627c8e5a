/**
 * Schema version 3: judge runs that Castor runs itself. 0001 already has judge_runs, judgments and
 * UNIQUE (run_id, item_id) (one judgment per item per run). This adds the run's configuration (identity of a run),
 * its item queue (the chosen items, so that a resumed run judges exactly what is left), and what an outcome
 * carries beyond a score (reasoning, expected score, entropy, reused prompt tokens). Append-only once released.
 */
export const sql = /* sql */ `
-- The run's full configuration as JSON: model identity (backend, model, file hash or endpoint), prompt template
-- version and hash, decoding parameters, backend settings without secrets (never an API key).
ALTER TABLE judge_runs ADD COLUMN config TEXT;
-- SHA-256 of the identity part of config (model identity + prompt version/hash + decoding): the same
-- configuration is the same run.
ALTER TABLE judge_runs ADD COLUMN config_hash TEXT;
-- JSON of the latest item selection that added items to the run.
ALTER TABLE judge_runs ADD COLUMN selection TEXT;
-- Why the run stopped, when it failed.
ALTER TABLE judge_runs ADD COLUMN error TEXT;
ALTER TABLE judge_runs ADD COLUMN updated_at TEXT;
CREATE UNIQUE INDEX judge_runs_by_config ON judge_runs(config_hash) WHERE config_hash IS NOT NULL;

-- The items a run is to judge, in judging order (the criteria of one answer consecutive). A run is done when every
-- queued item has a judgment; resume judges the queued items that have none.
CREATE TABLE judge_run_items (
  run_id   INTEGER NOT NULL REFERENCES judge_runs(id) ON DELETE CASCADE,
  item_id  INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
  position INTEGER NOT NULL,
  PRIMARY KEY (run_id, item_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX judge_run_items_by_position ON judge_run_items(run_id, position);

ALTER TABLE judgments ADD COLUMN reasoning TEXT;            -- <think> text or a server's reasoning field
ALTER TABLE judgments ADD COLUMN expected_score REAL;       -- Σ score·p over score_probabilities
ALTER TABLE judgments ADD COLUMN entropy REAL;              -- nats, of score_probabilities
ALTER TABLE judgments ADD COLUMN reused_prompt_tokens INTEGER;
CREATE INDEX judgments_errors_by_run ON judgments(run_id) WHERE error IS NOT NULL;
`
