import type Database from 'better-sqlite3';

/** The projection rebuilt from events alone: each task's latest event. */
const REBUILT = `SELECT e.task_id, e.status, e.attempt, e.worker, e.at, e.content_key, e.output_path, e.checksum,
  e.error_kind, e.error_message, e.message, e.retry_at, e.seq AS last_seq
  FROM events e JOIN (SELECT task_id, max(seq) AS seq FROM events GROUP BY task_id) m ON m.seq = e.seq`;

const STORED = `SELECT task_id, status, attempt, worker, at, content_key, output_path, checksum,
  error_kind, error_message, message, retry_at, last_seq FROM task_state`;

/** Rows where the stored projection and a rebuild from events disagree (0 when healthy). */
export function projectionMismatches(db: Database.Database): number {
  const row = db
    .prepare(`SELECT (SELECT count(*) FROM (${REBUILT} EXCEPT ${STORED})) + (SELECT count(*) FROM (${STORED} EXCEPT ${REBUILT})) AS n`)
    .get() as { n: number };
  return row.n;
}

/** Rewrites task_state from events, in one transaction. */
export function rebuildProjection(db: Database.Database): void {
  db.transaction(() => {
    db.exec('DELETE FROM task_state');
    db.exec(`INSERT INTO task_state (task_id, status, attempt, worker, at, content_key, output_path, checksum,
      error_kind, error_message, message, retry_at, last_seq) ${REBUILT}`);
  })();
}
