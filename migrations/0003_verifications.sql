-- Faultline journal, version 3: the verdict of each verification of a run (its sinks
-- recomputed with no faults and nothing reused, then compared byte for byte).

CREATE TABLE verifications (
  id       INTEGER PRIMARY KEY,
  run_id   INTEGER NOT NULL REFERENCES runs(id),
  at       INTEGER NOT NULL,
  -- How many sinks were byte-identical, of how many.
  identical INTEGER NOT NULL,
  total    INTEGER NOT NULL
);
CREATE INDEX verifications_by_run ON verifications (run_id, id);

CREATE TABLE verification_sinks (
  verification_id INTEGER NOT NULL REFERENCES verifications(id),
  node_id  TEXT NOT NULL,
  -- sha256 journaled by the run, and of the fault-free recomputation.
  expected TEXT,
  actual   TEXT,
  -- The exported file OUT/<node>.png as found: ok, missing or damaged.
  exported TEXT NOT NULL CHECK (exported IN ('ok', 'missing', 'damaged')),
  PRIMARY KEY (verification_id, node_id)
);
