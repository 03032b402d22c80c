import type { BatchReport } from '../batch/sync-items.js';
import type { RunRow } from '../journal/journal.js';
import type { CounterBook } from './counter-book.js';
import type { TaskGraph } from './task-graph.js';

/**
 * What the engine's parts share about the open pipeline. Opening another pipeline into the
 * journal replaces these fields in place, so every part sees the switch at once.
 */
export interface PipelineScope {
  pipelineId: number;
  pipelineName: string;
  graph: TaskGraph;
  counters: CounterBook;
  /** The pipeline's latest run, as journaled. */
  run: RunRow | null;
  /** What the last look at its folders found (engine/batch/). */
  batch: BatchReport;
}
