-- breaking: no
-- Faultline journal, version 5: the index that finds earlier outputs by content key holds only
-- completed events that have an output file. An op that writes nothing (noop) has nothing to
-- reuse, and indexing its random keys cost ~1.5 µs of every such event.

DROP INDEX IF EXISTS events_completed_by_key;
CREATE INDEX IF NOT EXISTS events_outputs_by_key ON events (content_key) WHERE status = 'completed' AND output_path IS NOT NULL;
