import { existsSync } from 'node:fs';
import type { Journal, NewEvent } from '../journal/journal.js';

/**
 * What opening a journal repairs, journaled in one transaction before anything is scheduled:
 * - a task whose latest event is `running` was interrupted by the engine's death: pending
 *   again, without spending the attempt it was on;
 * - a completed task whose output file is gone: reverted to pending, to be recomputed.
 * Checksums are checked where outputs are read (workers, sink export), not here, so opening a
 * large journal stays fast.
 */
export function recoverOnOpen(journal: Journal, pipelineId: number): { interrupted: number; reverted: number } {
  const run = journal.latestRun(pipelineId);
  const events: NewEvent[] = [];
  let interrupted = 0;
  let reverted = 0;
  for (const state of journal.recoveryCandidates(pipelineId)) {
    if (state.status === 'running') {
      interrupted++;
      events.push({
        runId: run?.id ?? null,
        taskId: state.taskId,
        status: 'pending',
        attempt: Math.max(0, state.attempt - 1),
        errorKind: 'interrupted',
        errorMessage: 'the engine stopped while this task ran',
        message: 'resumed after the engine stopped',
      });
    } else if (state.status === 'completed' && state.outputPath && !existsSync(state.outputPath)) {
      reverted++;
      events.push({
        runId: run?.id ?? null,
        taskId: state.taskId,
        status: 'pending',
        attempt: 0,
        errorKind: 'input_missing',
        errorMessage: 'output file is gone',
        message: 'reverted: output file is gone',
      });
    }
  }
  if (events.length > 0) journal.append(events);
  return { interrupted, reverted };
}
