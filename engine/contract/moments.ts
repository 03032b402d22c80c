import type { FailureKind, TaskStatus } from './status.js';
import type { ReplayMark } from './views.js';

export type MomentKind = ReplayMark['kind'];

/**
 * Which moment a journal event is, if any: a failed attempt, a task given up on, or a recovery
 * (a completion on a retry, or a pending event with a reason: a revert after a missing or
 * corrupt output, a wait for a parent, a resume after the engine was interrupted). The live
 * counters and the replay both count with this, so a scrubbed replay ends on the live totals.
 * The SQL in scheduler/counter-book.ts says the same for the history it scans.
 */
export function momentOf(e: { status: TaskStatus; attempt: number; errorKind?: FailureKind | null }): MomentKind | null {
  if (e.status === 'failed') return 'failure';
  if (e.status === 'dead') return 'dead';
  if (e.status === 'completed' && e.attempt > 1) return 'recovery';
  if (e.status === 'pending' && e.errorKind) return 'recovery';
  return null;
}
