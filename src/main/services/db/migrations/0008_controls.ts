// Schema version 8: control items (known reference scores mixed into annotators' queues) and their settings.
export const sql = /* sql */ `
-- An item with a known reference score. Annotators' scores on it count only for their control accuracy.
-- source: 'adjudication' (taken from the item's final score), 'typed' (entered by a lead), 'import' (control_score).
CREATE TABLE control_items (
  item_id    INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  score      REAL NOT NULL,
  note       TEXT,
  source     TEXT NOT NULL CHECK (source IN ('adjudication', 'typed', 'import')),
  created_by TEXT,
  created_at TEXT NOT NULL DEFAULT (strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
) STRICT;

-- One row: how often a claim hands out a control answer (0…1), whether an annotator sees the reference after
-- submitting a control, and the seed of the mixing draws (random per project, so positions cannot be guessed).
CREATE TABLE control_settings (
  id       INTEGER PRIMARY KEY CHECK (id = 1),
  rate     REAL NOT NULL DEFAULT 0 CHECK (rate >= 0 AND rate <= 1),
  feedback INTEGER NOT NULL DEFAULT 0 CHECK (feedback IN (0, 1)),
  seed     INTEGER NOT NULL
) STRICT;
INSERT INTO control_settings (id, seed) VALUES (1, abs(random() % 2147483647));

-- An assignment handed out as a control: it takes no regular slot, so the overlap k is neither consumed nor enforced.
-- The ceiling of the other assignments stays 0004's (k, or the most experts per item under judge-guided routing).
ALTER TABLE assignments ADD COLUMN control INTEGER NOT NULL DEFAULT 0 CHECK (control IN (0, 1));
DROP TRIGGER assignments_within_overlap;
CREATE TRIGGER assignments_within_overlap BEFORE INSERT ON assignments
WHEN NEW.control = 0 AND (SELECT slots_taken FROM responses WHERE id = NEW.response_id) >=
     (SELECT CASE WHEN s.policy = 'judge-guided' THEN max(w.overlap, s.max_experts) ELSE w.overlap END
        FROM workbench_settings w, routing_settings s WHERE w.id = 1 AND s.id = 1)
BEGIN
  SELECT RAISE(ABORT, 'overlap: this answer already has k annotators');
END;
DROP TRIGGER assignments_count_insert;
CREATE TRIGGER assignments_count_insert AFTER INSERT ON assignments WHEN NEW.control = 0
BEGIN
  UPDATE responses SET slots_taken = slots_taken + 1 WHERE id = NEW.response_id;
END;
DROP TRIGGER assignments_count_delete;
CREATE TRIGGER assignments_count_delete AFTER DELETE ON assignments WHEN OLD.control = 0
BEGIN
  UPDATE responses SET slots_taken = slots_taken - 1 WHERE id = OLD.response_id;
END;
`
