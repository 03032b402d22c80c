-- Faultline journal, version 2: settings live in the journal, and each opened pipeline has
-- its own stretch of it.

-- Every change of the fault and run settings, whole (merged), in order, with the journal's
-- event seq at that moment: a restart restores the last row, a replay reads the row in force.
CREATE TABLE settings_changes (
  id        INTEGER PRIMARY KEY,
  at        INTEGER NOT NULL,
  event_seq INTEGER NOT NULL,
  source    TEXT    NOT NULL,
  faults    TEXT    NOT NULL,
  settings  TEXT    NOT NULL
);
CREATE INDEX settings_changes_by_seq ON settings_changes (event_seq, id);

-- Events of a pipeline opened into this journal all come after this seq: the journal panel,
-- counters and replay of that pipeline start there (0: from the journal's beginning).
ALTER TABLE pipelines ADD COLUMN start_seq INTEGER NOT NULL DEFAULT 0;

-- How a run ended, in words (completed; 2 dead; cancelled by hand ...).
ALTER TABLE runs ADD COLUMN outcome TEXT;
