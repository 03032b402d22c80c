import type { ItemCounts } from './items.js';
import type { FaultSettings, RunSettings } from './faults.js';
import type { VerificationView, VerifyProgress } from './proof.js';
import type { Counters, JournalRow, RunView, Snapshot, WorkerView } from './views.js';

/** What the engine tells every UI. Hosts send them in batches of at most one per ~50 ms. */
export type EngineEvent =
  | { kind: 'tasks'; changes: JournalRow[] }
  /** Mapped nodes whose items changed status, with their counts now (their items' own rows come as `tasks`). */
  | { kind: 'items'; items: Record<string, ItemCounts> }
  | { kind: 'workers'; workers: WorkerView[] }
  | { kind: 'run'; run: RunView | null }
  | { kind: 'graph'; snapshot: Snapshot }
  | { kind: 'faults'; faults: FaultSettings; settings: RunSettings }
  /**
   * By node id (absent: nothing): what stops each node from running, and notes that do not
   * stop it (an animated photo: only its first frame is used).
   */
  | { kind: 'problems'; problems: Record<string, string>; notes: Record<string, string> }
  | { kind: 'counters'; counters: Counters }
  /** A verification's progress; `verification` is its verdict once it finished. */
  | { kind: 'verify'; progress: VerifyProgress; verification?: VerificationView }
  /** The journal's storage failed (full, damaged, deleted): the engine decides nothing more. */
  | { kind: 'halted'; message: string }
  | { kind: 'export'; id: string; done: number; total: number; finished: boolean; error?: string };

export interface EventBatch {
  kind: 'batch';
  events: EngineEvent[];
}

export const EVENT_BATCH_MS = 50;
