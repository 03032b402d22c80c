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

/** Proven: recomputed to the same bytes, and its exported file is those bytes. */
export const isProven = (s: SinkVerdict): boolean => s.identical && s.exported === 'ok';

/** Every sink of the run proven. */
export const allProven = (v: Pick<VerificationView, 'identical' | 'total'>): boolean => v.identical === v.total;

/** "3 of 3 outputs byte-identical to a fault-free run": one sentence, used by every surface. */
export function verdictLine(v: Pick<VerificationView, 'identical' | 'total'>): string {
  return `${v.identical} of ${v.total} output${v.total === 1 ? '' : 's'} byte-identical to a fault-free run`;
}

/** A different sink, to look at: both outputs and a map of where they differ (data URLs). */
export interface ImageDiff {
  run: string;
  faultFree: string;
  /** Pixels that differ in red, the rest dimmed: where to look. */
  diff: string;
  differingPixels: number;
  pixels: number;
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
  /** How it ended, in words, as journaled when it ended ("3 of 3 outputs completed"). */
  outcome: string | null;
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

/** Each failure kind in words: one, many. */
const FAILURE_WORDS: Record<FailureKind, [string, string]> = {
  injected_error: ['injected error', 'injected errors'],
  op_error: ['op error', 'op errors'],
  worker_crashed: ['thread crash', 'thread crashes'],
  timeout: ['timeout (hang)', 'timeouts (hangs)'],
  input_missing: ['missing input', 'missing inputs'],
  input_corrupt: ['corrupted input', 'corrupted inputs'],
  bad_input: ['bad photo', 'bad photos'],
  bad_params: ['bad params', 'bad params'],
  interrupted: ['interrupted by an engine kill', 'interrupted by an engine kill'],
  cancelled: ['cancelled', 'cancelled'],
};

const count = (n: number, [one, many]: readonly [string, string]) => `${n} ${n === 1 ? one : many}`;

/** The summary card in words, one reading for the CLI, the window and the GIF's last frame. */
export function reportFacts(r: RunReport): { headline: string; faults: string[]; recoveries: string[]; lost: string; verdict: string | null } {
  const rec = r.recoveries;
  const seconds = (ms: number) => `${(ms / 1000).toFixed(ms < 10_000 ? 2 : 1)} s`;
  return {
    headline: `run ${r.runId} ${r.status}${r.outcome ? `: ${r.outcome}` : ''}${r.durationMs === null ? '' : `, in ${seconds(r.durationMs)}`}`,
    faults: FAILURE_KINDS.filter((kind) => r.failures[kind]).map((kind) => count(r.failures[kind] ?? 0, FAILURE_WORDS[kind])),
    recoveries: [
      count(rec.retries, ['retry', 'retries']),
      count(rec.respawnedThreads, ['thread respawned', 'threads respawned']),
      count(rec.timeouts, ['timeout', 'timeouts']),
      count(rec.revertedParents, ['parent reverted', 'parents reverted']),
      count(rec.resumedInterruptions, ['interruption resumed', 'interruptions resumed']),
    ],
    lost: `${seconds(r.lostMs)} of work lost to faults`,
    verdict: r.verification ? verdictLine(r.verification) : null,
  };
}
