import type { FailureKind } from '../contract/index.js';
import type { StoredFormat } from '../ops/image.js';

/** The fault a dispatch carries, decided in the main thread by the seeded fault plan. */
export type InjectedFault = 'error' | 'panic' | 'hang' | null;

export interface TaskInput {
  path: string;
  checksum: string;
  /** The parent node, named in the failure so the scheduler knows whom to revert. */
  parentNodeId: string;
  /**
   * The fault plan removed or damaged this file: read it from disk (and fail as a real reader
   * would) rather than from the pixels the worker may still hold.
   */
  tampered: boolean;
  /** The parent is a load whose output is the photo itself (StoredFormat 'source'). */
  source: boolean;
}

export interface TaskJob {
  taskId: number;
  /** Echoed in the outcome, so a late answer to an abandoned dispatch is recognised and dropped. */
  dispatchId: number;
  nodeId: string;
  op: string;
  params: Record<string, unknown>;
  inputs: TaskInput[];
  sourcePath: string | null;
  /** Where the output goes; null for ops that write nothing (noop). */
  output: { path: string; format: StoredFormat } | null;
  fault: InjectedFault;
  throttleMs: number;
  maxPixels: number;
  /**
   * The task's timeout, also given to libvips: a worker thread cannot be terminated while it
   * is inside native code, so every sharp pipeline stops itself past this.
   */
  timeoutMs: number;
  /** fsync the output before renaming it into place (durability 'full'). */
  durable: boolean;
}

export type TaskOutcome =
  | { taskId: number; dispatchId: number; ok: true; checksum: string | null; outputPath: string | null; bytes: number }
  | { taskId: number; dispatchId: number; ok: false; kind: FailureKind; message: string; parentNodeId?: string };

/** Messages between the pool (main thread) and a worker thread. */
export const enum ToWorker {
  Run = 'run',
}
export const enum FromWorker {
  Ready = 'ready',
  Heartbeat = 'heartbeat',
  Done = 'done',
}

/**
 * Jobs and outcomes travel in batches: one message per scheduling pass, one per turn of the
 * worker's event loop. A message costs ~9 µs of CPU between the two threads whatever it holds,
 * a large share of what a tiny task costs.
 */
export type ToWorkerMessage = { type: ToWorker.Run; jobs: TaskJob[] };
export type FromWorkerMessage = { type: FromWorker.Ready } | { type: FromWorker.Heartbeat } | { type: FromWorker.Done; outcomes: TaskOutcome[] };

export const HEARTBEAT_MS = 200;
