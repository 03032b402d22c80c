import type { FailureKind } from './status.js';

/** What the export of one sink looked like on disk when it was verified. */
export type ExportState = 'ok' | 'missing' | 'damaged';

/** One sink's verdict: the run's output against a fault-free recomputation of it. */
export interface SinkVerdict {
  nodeId: string;
  /** sha256 the run journaled for its output. */
  expected: string | null;
  /** sha256 of the same sink recomputed with no faults and nothing reused. */
  actual: string | null;
  identical: boolean;
  exported: ExportState;
}

export interface VerificationView {
  runId: number;
  at: number;
  identical: number;
  total: number;
  sinks: SinkVerdict[];
}

/** "3 of 3 outputs byte-identical to a fault-free run": one sentence, used by every surface. */
export function verdictLine(v: Pick<VerificationView, 'identical' | 'total'>): string {
  return `${v.identical} of ${v.total} output${v.total === 1 ? '' : 's'} byte-identical to a fault-free run`;
}

/** What a verification is doing now, for progress bars. */
export interface VerifyProgress {
  runId: number;
  done: number;
  total: number;
  state: 'running' | 'finished' | 'cancelled' | 'failed';
  error?: string;
}

/** What a run went through, from its journal: the run summary card. */
export interface RunReport {
  runId: number;
  status: string;
  durationMs: number | null;
  tasks: number;
  completed: number;
  /** Attempts that ended in each kind of failure. */
  failures: Partial<Record<FailureKind, number>>;
  recoveries: {
    retries: number;
    respawnedThreads: number;
    timeouts: number;
    revertedParents: number;
    resumedInterruptions: number;
  };
  /** Time spent in attempts that failed, summed over tasks (work a fault threw away). */
  lostMs: number;
  verification: VerificationView | null;
}
