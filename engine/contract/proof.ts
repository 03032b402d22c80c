import { FAILURE_KINDS, type FailureKind } from './status.js';

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

const FAILURE_WORDS: Record<FailureKind, string> = {
  injected_error: 'injected errors',
  op_error: 'op errors',
  worker_crashed: 'thread crashes',
  timeout: 'timeouts (hangs)',
  input_missing: 'missing inputs',
  input_corrupt: 'corrupted inputs',
  bad_input: 'bad photos',
  bad_params: 'bad params',
  interrupted: 'interrupted by an engine kill',
  cancelled: 'cancelled',
};

/** The summary card in words, one reading for the CLI, the window and the GIF's last frame. */
export function reportFacts(r: RunReport): { headline: string; faults: string[]; recoveries: string[]; lost: string; verdict: string | null } {
  const rec = r.recoveries;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return {
    headline: `run ${r.runId} ${r.status}: ${r.completed} of ${r.tasks} tasks completed${r.durationMs === null ? '' : ` in ${seconds(r.durationMs)}`}`,
    faults: FAILURE_KINDS.filter((kind) => r.failures[kind]).map((kind) => `${r.failures[kind]} ${FAILURE_WORDS[kind]}`),
    recoveries: [
      `${rec.retries} retries`,
      `${rec.respawnedThreads} threads respawned`,
      `${rec.timeouts} timeouts`,
      `${rec.revertedParents} parents reverted`,
      `${rec.resumedInterruptions} interruptions resumed`,
    ],
    lost: `${seconds(r.lostMs)} of work lost to faults`,
    verdict: r.verification ? verdictLine(r.verification) : null,
  };
}
