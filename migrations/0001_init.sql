-- Faultline journal, version 1.
-- events is append-only: normal operation never updates or deletes a row.
-- task_state is a projection of events, written in the same transaction as each event.

CREATE TABLE pipelines (
  id         INTEGER PRIMARY KEY,
  name       TEXT    NOT NULL,
  base_dir   TEXT    NOT NULL,
  created_at INTEGER NOT NULL
);

CREATE TABLE tasks (
  id          INTEGER PRIMARY KEY,
  pipeline_id INTEGER NOT NULL REFERENCES pipelines(id),
  node_id     TEXT    NOT NULL,
  op          TEXT    NOT NULL,
  params      TEXT    NOT NULL,
  x           REAL,
  y           REAL,
  removed     INTEGER NOT NULL DEFAULT 0,
  UNIQUE (pipeline_id, node_id)
);

CREATE TABLE task_inputs (
  task_id   INTEGER NOT NULL REFERENCES tasks(id),
  slot      INTEGER NOT NULL,
  parent_id INTEGER NOT NULL REFERENCES tasks(id),
  PRIMARY KEY (task_id, slot)
);

-- Every edit of a graph, in order, so a session's editing can be replayed too.
CREATE TABLE graph_edits (
  seq         INTEGER PRIMARY KEY,
  pipeline_id INTEGER NOT NULL REFERENCES pipelines(id),
  at          INTEGER NOT NULL,
  kind        TEXT    NOT NULL,
  payload     TEXT    NOT NULL
);

CREATE TABLE runs (
  id          INTEGER PRIMARY KEY,
  pipeline_id INTEGER NOT NULL REFERENCES pipelines(id),
  started_at  INTEGER NOT NULL,
  ended_at    INTEGER,
  status      TEXT    NOT NULL,
  out_dir     TEXT    NOT NULL,
  settings    TEXT    NOT NULL
);

CREATE TABLE events (
  seq           INTEGER PRIMARY KEY,
  run_id        INTEGER REFERENCES runs(id),
  task_id       INTEGER NOT NULL REFERENCES tasks(id),
  status        TEXT    NOT NULL,
  attempt       INTEGER NOT NULL,
  worker        INTEGER,
  at            INTEGER NOT NULL,
  content_key   TEXT,
  output_path   TEXT,
  checksum      TEXT,
  error_kind    TEXT,
  error_message TEXT,
  message       TEXT,
  retry_at      INTEGER
);
CREATE INDEX events_by_task ON events (task_id, seq);
CREATE INDEX events_completed_by_key ON events (content_key) WHERE status = 'completed';

CREATE TABLE task_state (
  task_id       INTEGER PRIMARY KEY REFERENCES tasks(id),
  status        TEXT    NOT NULL,
  attempt       INTEGER NOT NULL,
  worker        INTEGER,
  at            INTEGER NOT NULL,
  content_key   TEXT,
  output_path   TEXT,
  checksum      TEXT,
  error_kind    TEXT,
  error_message TEXT,
  message       TEXT,
  retry_at      INTEGER,
  last_seq      INTEGER NOT NULL
);
