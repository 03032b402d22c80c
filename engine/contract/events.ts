import type { FaultSettings, RunSettings } from './faults.js';
import type { Counters, JournalRow, RunView, Snapshot, WorkerView } from './views.js';

/** What the engine tells every UI. Hosts send them in batches of at most one per ~50 ms. */
export type EngineEvent =
  | { kind: 'tasks'; changes: JournalRow[] }
  | { kind: 'workers'; workers: WorkerView[] }
  | { kind: 'run'; run: RunView | null }
  | { kind: 'graph'; snapshot: Snapshot }
  | { kind: 'faults'; faults: FaultSettings; settings: RunSettings }
  /** What stops each node from running, by node id (absent: nothing). */
  | { kind: 'problems'; problems: Record<string, string> }
  | { kind: 'counters'; counters: Counters }
  | { kind: 'export'; id: string; done: number; total: number; finished: boolean; error?: string };

export interface EventBatch {
  kind: 'batch';
  events: EngineEvent[];
}

export const EVENT_BATCH_MS = 50;
