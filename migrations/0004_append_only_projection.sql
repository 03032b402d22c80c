-- breaking: no
-- Faultline journal, version 4: the database itself keeps events append-only, checks their
-- statuses, and keeps the task_state projection (a trigger, in the event's own statement);
-- each event may name the faults injected at it, and each task counts its events, which is
-- what seeded fault decisions are keyed on (the task's own history, not the journal's seq).
-- "breaking: no" is read from this migration on, by Faultlines that lack a later one; the
-- Faultlines from before it refuse any journal newer than they know, whatever this says.

-- Faults injected at this transition, comma-separated: error, panic, hang, missing:PARENT
-- (on a running event), corrupt (on a completed event). NULL: none.
ALTER TABLE events ADD COLUMN fault TEXT;

-- 1: params as the op's schema parses them (defaults filled), the only form stored from now
-- on; 0: written before, as given. The engine rewrites those once, on open, keeping the params
-- as given in params_given: outputs computed before were keyed on those, and stay reusable.
ALTER TABLE tasks ADD COLUMN params_parsed INTEGER NOT NULL DEFAULT 0;
ALTER TABLE tasks ADD COLUMN params_given TEXT;

-- How many events this task has; the next event is its ordinal event_count + 1.
ALTER TABLE task_state ADD COLUMN event_count INTEGER NOT NULL DEFAULT 0;
UPDATE task_state SET event_count = (SELECT count(*) FROM events e WHERE e.task_id = task_state.task_id);

CREATE TRIGGER events_are_append_only_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: an event is never changed');
END;

CREATE TRIGGER events_are_append_only_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'events are append-only: an event is never deleted');
END;

CREATE TRIGGER events_project_task_state AFTER INSERT ON events
BEGIN
  -- The statuses of engine/contract/status.ts (a CHECK cannot be added to an existing table).
  -- Compared one by one: NOT IN (...) builds a temporary index on every insert.
  SELECT RAISE(ABORT, 'unknown task status')
    WHERE NEW.status <> 'pending' AND NEW.status <> 'running' AND NEW.status <> 'completed' AND NEW.status <> 'failed'
      AND NEW.status <> 'dead' AND NEW.status <> 'blocked' AND NEW.status <> 'cancelled';
  INSERT INTO task_state (task_id, status, attempt, worker, at, content_key, output_path, checksum,
      error_kind, error_message, message, retry_at, last_seq, event_count)
    VALUES (NEW.task_id, NEW.status, NEW.attempt, NEW.worker, NEW.at, NEW.content_key, NEW.output_path,
      NEW.checksum, NEW.error_kind, NEW.error_message, NEW.message, NEW.retry_at, NEW.seq, 1)
    ON CONFLICT (task_id) DO UPDATE SET status = excluded.status, attempt = excluded.attempt,
      worker = excluded.worker, at = excluded.at, content_key = excluded.content_key,
      output_path = excluded.output_path, checksum = excluded.checksum, error_kind = excluded.error_kind,
      error_message = excluded.error_message, message = excluded.message, retry_at = excluded.retry_at,
      last_seq = excluded.last_seq, event_count = task_state.event_count + 1;
END;
