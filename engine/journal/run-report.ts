import type Database from 'better-sqlite3';
import { FAILURE_KINDS, type FailureKind, type RunReport, type SinkVerdict, type VerificationView } from '../contract/index.js';

const isFailureKind = (kind: string): kind is FailureKind => (FAILURE_KINDS as readonly string[]).includes(kind);

/**
 * The run summary card, read from the journal alone: the CLI, the window and the GIF's last
 * frame all show this one reading, so they cannot disagree.
 */
export function runReport(db: Database.Database, runId: number): RunReport | null {
  const run = db.prepare('SELECT id, status, started_at AS startedAt, ended_at AS endedAt, outcome FROM runs WHERE id = ?').get(runId) as
    { id: number; status: string; startedAt: number; endedAt: number | null; outcome: string | null } | undefined;
  if (!run) return null;
  const failures: Partial<Record<FailureKind, number>> = {};
  const rows = db
    // A missing or damaged input does not fail its reader: the reader goes back to waiting
    // (on its worker), and the parent is reverted (on no worker).
    .prepare(
      `SELECT error_kind AS kind, count(*) AS n FROM events
      WHERE run_id = ? AND error_kind IS NOT NULL
        AND (status IN ('failed', 'dead') OR (status = 'pending' AND error_kind IN ('input_missing', 'input_corrupt') AND worker IS NOT NULL))
      GROUP BY error_kind`,
    )
    .all(runId) as Array<{ kind: string; n: number }>;
  for (const r of rows) if (isFailureKind(r.kind)) failures[r.kind] = r.n;
  const moves = db
    .prepare(
      `SELECT coalesce(sum(status = 'failed'), 0) AS retries,
        coalesce(sum(status = 'pending' AND error_kind IN ('input_missing', 'input_corrupt') AND worker IS NULL), 0) AS reverted,
        coalesce(sum(status = 'pending' AND error_kind = 'interrupted'), 0) AS resumed
      FROM events WHERE run_id = ?`,
    )
    .get(runId) as { retries: number; reverted: number; resumed: number };
  // An attempt's time: from its 'running' event to the event that ended it, when that was a failure.
  const { lostMs } = db
    .prepare(
      `SELECT coalesce(sum(at - started), 0) AS lostMs FROM (
        SELECT status, at, lag(at) OVER (PARTITION BY task_id ORDER BY seq) AS started,
          lag(status) OVER (PARTITION BY task_id ORDER BY seq) AS before
        FROM events WHERE run_id = ?)
      WHERE status IN ('failed', 'dead') AND before = 'running'`,
    )
    .get(runId) as { lostMs: number };
  return {
    runId,
    status: run.status,
    durationMs: run.endedAt === null ? null : run.endedAt - run.startedAt,
    outcome: run.outcome,
    failures,
    recoveries: {
      retries: moves.retries,
      respawnedThreads: failures.worker_crashed ?? 0,
      timeouts: failures.timeout ?? 0,
      revertedParents: moves.reverted,
      resumedInterruptions: moves.resumed,
    },
    lostMs,
    verification: latestVerification(db, runId),
  };
}

export function latestVerification(db: Database.Database, runId: number): VerificationView | null {
  const v = db.prepare('SELECT id, run_id AS runId, at, identical, total FROM verifications WHERE run_id = ? ORDER BY id DESC LIMIT 1').get(runId) as
    (Omit<VerificationView, 'sinks'> & { id: number }) | undefined;
  if (!v) return null;
  const sinks = (
    db
      .prepare('SELECT node_id AS nodeId, expected, actual, exported FROM verification_sinks WHERE verification_id = ? ORDER BY node_id')
      .all(v.id) as Array<Omit<SinkVerdict, 'identical'>>
  ).map((s) => ({ ...s, identical: s.expected !== null && s.expected === s.actual }));
  return { runId: v.runId, at: v.at, identical: v.identical, total: v.total, sinks };
}

/** Journals a verification's verdict, whole, in one transaction. */
export function recordVerification(db: Database.Database, v: VerificationView): void {
  db.transaction(() => {
    const { lastInsertRowid } = db
      .prepare('INSERT INTO verifications (run_id, at, identical, total) VALUES (?, ?, ?, ?)')
      .run(v.runId, v.at, v.identical, v.total);
    const sink = db.prepare('INSERT INTO verification_sinks (verification_id, node_id, expected, actual, exported) VALUES (?, ?, ?, ?, ?)');
    for (const s of v.sinks) sink.run(lastInsertRowid, s.nodeId, s.expected, s.actual, s.exported);
  })();
}
