// Schema version 4: assignment policies, judge-guided routing (calibration, thresholds, accepted items) and the
// assisted annotation mode.
export const sql = /* sql */ `
-- One row: how answers are handed out and how the item screen looks (lead settings).
CREATE TABLE routing_settings (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  policy           TEXT NOT NULL DEFAULT 'breadth' CHECK (policy IN ('breadth', 'depth', 'random', 'judge-guided')),
  seed             INTEGER NOT NULL DEFAULT 1,               -- random order and the calibration sample
  annotation_mode  TEXT NOT NULL DEFAULT 'blind' CHECK (annotation_mode IN ('blind', 'assisted')),
  -- Agreement, the judge comparison and the calibration read blind scores only unless this is 1.
  assisted_in_statistics INTEGER NOT NULL DEFAULT 0 CHECK (assisted_in_statistics IN (0, 1)),
  judge_runs       TEXT NOT NULL DEFAULT '[]',               -- JSON array of judge_runs ids: one run, or a committee
  confidence       TEXT NOT NULL DEFAULT 'top' CHECK (confidence IN ('top', 'entropy')),
  alpha            REAL CHECK (alpha IS NULL OR (alpha > 0 AND alpha < 1)),   -- NULL: the expert ceiling
  delta            REAL NOT NULL DEFAULT 0.1 CHECK (delta > 0 AND delta < 1),
  calibration_size INTEGER CHECK (calibration_size IS NULL OR calibration_size >= 1),   -- answers; NULL: the default
  min_items        INTEGER NOT NULL DEFAULT 50 CHECK (min_items >= 1),
  max_experts      INTEGER NOT NULL DEFAULT 3 CHECK (max_experts BETWEEN 1 AND 50),
  pi_min           REAL NOT NULL DEFAULT 0 CHECK (pi_min >= 0 AND pi_min <= 1),
  phase            TEXT NOT NULL DEFAULT 'off' CHECK (phase IN ('off', 'calibration', 'routed')),
  calibration_note TEXT,                                      -- how the calibration size was chosen (JSON CalibrationChoice)
  computed_at      TEXT                                       -- when thresholds were last computed
) STRICT;
INSERT INTO routing_settings (id) VALUES (1);

-- random: a seeded key per answer (set when the policy or seed is saved); walked level by level like breadth.
ALTER TABLE responses ADD COLUMN random_key INTEGER NOT NULL DEFAULT 0;
CREATE INDEX responses_by_random ON responses(slots_taken, random_key, id);
-- judge-guided: how many experts the answer needs now (NULL: not routed). Only answers still short of it are indexed.
ALTER TABLE responses ADD COLUMN expert_target INTEGER;
CREATE INDEX responses_routed ON responses(slots_taken, id) WHERE slots_taken < expert_target;

-- Per item: its part in judge-guided routing. experts_needed: the first n annotators of the answer score it.
CREATE TABLE item_routing (
  item_id             INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
  role                TEXT NOT NULL CHECK (role IN ('calibration', 'pending', 'accepted', 'escalated')),
  experts_needed      INTEGER NOT NULL DEFAULT 0,
  judge_score         REAL,            -- the judge's most probable score
  confidence          REAL,            -- NULL: the judge gave no probabilities for it
  lambda              REAL,
  alpha               REAL,
  delta               REAL,
  calibration_size    INTEGER,         -- calibration items behind lambda
  routing_probability REAL             -- probability of going to an expert (inverse-probability weights)
) STRICT;
CREATE INDEX item_routing_by_role ON item_routing(role, item_id);

-- Per criterion: the threshold the last computation chose (lambda NULL: nothing accepted, reason says why).
CREATE TABLE criterion_thresholds (
  criterion_id      INTEGER PRIMARY KEY REFERENCES criteria(id) ON DELETE CASCADE,
  lambda            REAL,
  alpha             REAL,
  delta             REAL NOT NULL,
  calibration_items INTEGER NOT NULL,
  accepted_share    REAL,
  reason            TEXT,            -- JSON { reason: code, reasonText } when lambda is NULL
  computed_at       TEXT NOT NULL
) STRICT;

-- A score given with the judge's score on screen (assisted mode).
ALTER TABLE annotations ADD COLUMN assisted INTEGER NOT NULL DEFAULT 0 CHECK (assisted IN (0, 1));

-- The k-annotator ceiling, now also the lead's maximum experts under judge-guided routing.
DROP TRIGGER assignments_within_overlap;
CREATE TRIGGER assignments_within_overlap BEFORE INSERT ON assignments
WHEN (SELECT slots_taken FROM responses WHERE id = NEW.response_id) >=
     (SELECT CASE WHEN s.policy = 'judge-guided' THEN max(w.overlap, s.max_experts) ELSE w.overlap END
        FROM workbench_settings w, routing_settings s WHERE w.id = 1 AND s.id = 1)
BEGIN
  SELECT RAISE(ABORT, 'overlap: this answer already has k annotators');
END;
`
