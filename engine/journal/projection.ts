import type Database from 'better-sqlite3';
import { REBUILT_STATE_SQL, SELECT_STATE_SQL, STATE_COLUMNS } from './event-columns.js';

/** Rows where the stored projection and a rebuild from events disagree (0 when healthy). */
export function projectionMismatches(db: Database.Database): number {
  const row = db
    .prepare(
      `SELECT (SELECT count(*) FROM (${REBUILT_STATE_SQL} EXCEPT ${SELECT_STATE_SQL}))
      + (SELECT count(*) FROM (${SELECT_STATE_SQL} EXCEPT ${REBUILT_STATE_SQL})) AS n`,
    )
    .get() as { n: number };
  return row.n;
}

/** Rewrites task_state from events, in one transaction. */
export function rebuildProjection(db: Database.Database): void {
  db.transaction(() => {
    db.exec('DELETE FROM task_state');
    db.exec(`INSERT INTO task_state (${STATE_COLUMNS.join(', ')}) ${REBUILT_STATE_SQL}`);
  })();
}
