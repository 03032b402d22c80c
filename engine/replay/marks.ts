import type { FailureKind, MomentKind, TaskStatus } from '../contract/index.js';

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

export interface MarkableEvent {
  status: TaskStatus;
  attempt: number;
  errorKind: FailureKind | null;
  message: string | null;
}

/** "blur: worker crashed, retry 2 of 5 in 52 ms": the engine's own message where it wrote one. */
export function markLabel(kind: MomentKind, nodeId: string, e: MarkableEvent): string {
  const why = e.errorKind ? FAILURE_LABELS[e.errorKind] : 'failed';
  switch (kind) {
    case 'failure':
      return `${nodeId}: ${why}, ${e.message ?? `attempt ${e.attempt} failed`}`;
    case 'dead':
      return `${nodeId}: ${why}, gave up after ${e.attempt} attempt${e.attempt === 1 ? '' : 's'}`;
    case 'recovery':
      if (e.status === 'completed') return `${nodeId}: recovered, completed on attempt ${e.attempt}`;
      return `${nodeId}: ${e.message ?? `${why}, re-running`}`;
  }
}
