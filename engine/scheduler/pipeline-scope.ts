import { NO_BATCH, type BatchReport } from '../batch/sync-items.js';
import type { Journal, RunRow, TaskDef } from '../journal/journal.js';
import { CounterBook } from './counter-book.js';
import { TaskGraph } from './task-graph.js';

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

/** A pipeline of the journal as it opens: its tasks (`defs`) with their states, counts and latest run. */
export function openScope(journal: Journal, pipelineId: number, pipelineName: string, defs: TaskDef[]): PipelineScope {
  return {
    pipelineId,
    pipelineName,
    graph: new TaskGraph(defs, journal.states()),
    counters: new CounterBook(journal, journal.latestPipeline()?.startSeq ?? 0),
    run: journal.latestRun(pipelineId) ?? null,
    batch: NO_BATCH,
  };
}
