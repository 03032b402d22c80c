import type { JournalRow } from '@contract';
import type { WorkerSpan } from './types';

/** Enough history for the timeline's window; older spans are dropped. */
const MAX_SPANS = 2_000;

/**
 * Folds journal rows into what each worker held and when: a `running` row with a worker opens
 * a span, the task's next row closes it with that row's status as the outcome.
 */
export function spansFromJournal(rows: readonly JournalRow[], previous: readonly WorkerSpan[]): WorkerSpan[] {
  if (rows.length === 0) return previous as WorkerSpan[];
  const spans = [...previous];
  const openByNode = new Map<string, number>();
  spans.forEach((span, index) => span.end === null && openByNode.set(span.nodeId, index));
  for (const row of rows) {
    const open = openByNode.get(row.nodeId);
    if (open !== undefined) {
      spans[open] = { ...spans[open]!, end: row.at, outcome: row.status };
      openByNode.delete(row.nodeId);
    }
    if (row.status === 'running' && row.worker !== null) {
      openByNode.set(row.nodeId, spans.length);
      spans.push({ worker: row.worker, nodeId: row.nodeId, start: row.at, end: null, outcome: null });
    }
  }
  return spans.length > MAX_SPANS ? spans.slice(-MAX_SPANS) : spans;
}
