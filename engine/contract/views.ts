import type { ItemCounts } from './items.js';
import type { VerificationView } from './proof.js';
import type { FaultSettings, RunSettings } from './faults.js';
import type { FailureKind, TaskStatus } from './status.js';

/** One journal row as the UI and the CLI see it. */
export interface JournalRow {
  seq: number;
  runId: number | null;
  nodeId: string;
  status: TaskStatus;
  attempt: number;
  worker: number | null;
  at: number;
  contentKey: string | null;
  checksum: string | null;
  errorKind: FailureKind | null;
  errorMessage: string | null;
  message: string | null;
}

export interface TaskView {
  id: string;
  op: string;
  params: Record<string, unknown>;
  /** Parent node ids, in slot order. */
  inputs: string[];
  position: { x: number; y: number } | null;
  status: TaskStatus;
  attempt: number;
  worker: number | null;
  message: string | null;
  errorKind: FailureKind | null;
  errorMessage: string | null;
  contentKey: string | null;
  /** Sequence number of the task's latest event (0 when it has none). */
  seq: number;
  at: number;
  /** What stops this node from running (a missing photo, an input short), checked as it is edited. */
  problem: string | null;
  /** What does not stop it but is worth knowing (an animated photo: only its first frame is used). */
  note: string | null;
  /** A mapped node (a folder, or downstream of one): its items by status; null for a node that runs once. */
  items: ItemCounts | null;
}

export type WorkerState = 'starting' | 'idle' | 'busy' | 'restarting' | 'stopped';

export interface WorkerView {
  id: number;
  ops: string[];
  state: WorkerState;
  task: string | null;
  restarts: number;
  tasksDone: number;
  lastExit: string | null;
}

export type RunStatus = 'running' | 'paused' | 'completed' | 'failed' | 'cancelled';

export interface RunView {
  id: number;
  status: RunStatus;
  startedAt: number;
  endedAt: number | null;
  outDir: string;
  /** How it ended, in words: "3 of 3 outputs completed", "1 node cancelled by hand; ...". */
  outcome: string | null;
}

export interface Counters {
  byStatus: Record<TaskStatus, number>;
  retries: number;
  recoveries: number;
  events: number;
  /** Tasks completed per second over the last few seconds. */
  throughput: number;
}

export interface Snapshot {
  /** id changes when another pipeline is opened: what the page shows of the old one goes. */
  pipeline: { id: number; name: string; baseDir: string };
  tasks: TaskView[];
  workers: WorkerView[];
  run: RunView | null;
  faults: FaultSettings;
  settings: RunSettings;
  counters: Counters;
  lastSeq: number;
  /** Why the engine stopped deciding anything (its journal's storage failed), or null. */
  halted: string | null;
  /** The latest verdict on the latest run, if it was verified. */
  verification: VerificationView | null;
}

/** A moment worth jumping to while scrubbing: a fault showing up, or a recovery. */
export interface ReplayMark {
  seq: number;
  at: number;
  kind: 'failure' | 'recovery' | 'dead';
  nodeId: string;
  label: string;
}

export interface ReplayInfo {
  firstSeq: number;
  lastSeq: number;
  startAt: number;
  endAt: number;
  marks: ReplayMark[];
}

/** Every task's state as of one journal event: what the canvas shows while scrubbing. */
export interface ReplayState {
  seq: number;
  at: number;
  tasks: Array<Pick<TaskView, 'id' | 'status' | 'attempt' | 'worker' | 'message' | 'errorKind' | 'errorMessage'>>;
  counters: Pick<Counters, 'byStatus' | 'retries' | 'recoveries' | 'events'>;
  /** Which task each worker held at that moment. */
  workers: Array<{ id: number; task: string | null }>;
}
