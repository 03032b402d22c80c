import type { FailureKind, ReplayMark, TaskStatus } from '../contract/index.js';

export type MarkKind = ReplayMark['kind'];

/** Short words for each failure kind, for captions and scrubber labels. */
export const FAILURE_LABELS: Record<FailureKind, string> = {
  injected_error: 'injected error',
  op_error: 'op error',
  worker_crashed: 'worker crashed',
  timeout: 'timed out',
  input_missing: 'input missing',
  input_corrupt: 'input corrupt',
  bad_input: 'bad input',
  bad_params: 'bad params',
  interrupted: 'interrupted',
  cancelled: 'cancelled',
};

/** Pending events with these kinds are the engine repairing itself: a revert or a resume. */
const REPAIR_KINDS: ReadonlySet<FailureKind> = new Set(['input_missing', 'input_corrupt', 'interrupted']);

/**
 * Which moment an event is, if any: a failed attempt, a task given up on, or a recovery (a
 * completion after a failure since the task last completed, or a revert/resume).
 */
export function markKind(status: TaskStatus, errorKind: FailureKind | null, failedSinceCompleted: boolean): MarkKind | null {
  if (status === 'failed') return 'failure';
  if (status === 'dead') return 'dead';
  if (status === 'completed' && failedSinceCompleted) return 'recovery';
  if (status === 'pending' && errorKind !== null && REPAIR_KINDS.has(errorKind)) return 'recovery';
  return null;
}

export function markLabel(kind: MarkKind, nodeId: string, status: TaskStatus, attempt: number, errorKind: FailureKind | null): string {
  const why = errorKind ? FAILURE_LABELS[errorKind] : 'failed';
  switch (kind) {
    case 'failure':
      return `${nodeId}: ${why} on attempt ${attempt}, retrying`;
    case 'dead':
      return `${nodeId}: ${why}, gave up after ${attempt} attempt${attempt === 1 ? '' : 's'}`;
    case 'recovery':
      if (status === 'completed') return `${nodeId}: recovered, completed on attempt ${attempt}`;
      return errorKind === 'interrupted' ? `${nodeId}: resumed after the engine stopped` : `${nodeId}: ${why}, reverted to re-run`;
  }
}
