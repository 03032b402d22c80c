import { aggregateStatus, type EngineEvent, type EventBatch, type ItemCounts, type JournalRow, type Snapshot, type TaskView } from '@contract';
import { snapshotState } from './apply-snapshot';
import { engineSettingsArrived } from './fault-actions';
import { useFaultline } from './store';
import type { FaultlineState } from './types';
import { spansFromJournal } from './worker-spans';

/** The journal panel keeps this many recent rows in memory; older ones are paged in on demand. */
const MAX_JOURNAL_ROWS = 20_000;

function withTaskChanges(tasks: Record<string, TaskView>, changes: JournalRow[]): Record<string, TaskView> {
  const next = { ...tasks };
  for (const row of changes) {
    const task = next[row.nodeId];
    if (!task || row.seq < task.seq) continue;
    next[row.nodeId] = {
      ...task,
      status: row.status,
      attempt: row.attempt,
      worker: row.worker,
      message: row.message,
      errorKind: row.errorKind,
      errorMessage: row.errorMessage,
      contentKey: row.contentKey ?? task.contentKey,
      seq: row.seq,
      at: row.at,
    };
  }
  return next;
}

/** A mapped node shows its items' counts, and the one status they add up to. */
function withItemCounts(tasks: Record<string, TaskView>, items: Record<string, ItemCounts>): Record<string, TaskView> {
  const next = { ...tasks };
  for (const [id, counts] of Object.entries(items)) {
    const task = next[id];
    if (task) next[id] = { ...task, items: counts, status: aggregateStatus(counts) };
  }
  return next;
}

/** Only tasks whose problem or note changed get a new object, so only their nodes re-render. */
function withProblems(tasks: Record<string, TaskView>, problems: Record<string, string>, notes: Record<string, string>): Record<string, TaskView> {
  const next = { ...tasks };
  for (const [id, task] of Object.entries(tasks)) {
    const problem = problems[id] ?? null;
    const note = notes[id] ?? null;
    if (task.problem !== problem || task.note !== note) next[id] = { ...task, problem, note };
  }
  return next;
}

function appendRows(journal: JournalRow[], changes: JournalRow[]): JournalRow[] {
  const lastSeq = journal.at(-1)?.seq ?? -1;
  const fresh = changes.filter((r) => r.seq > lastSeq);
  if (fresh.length === 0) return journal;
  const joined = journal.concat(fresh);
  return joined.length > MAX_JOURNAL_ROWS ? joined.slice(-MAX_JOURNAL_ROWS) : joined;
}

function reduce(state: FaultlineState, event: Exclude<EngineEvent, { kind: 'graph' }>): Partial<FaultlineState> {
  switch (event.kind) {
    case 'tasks':
      return {
        tasks: withTaskChanges(state.tasks, event.changes),
        journal: appendRows(state.journal, event.changes),
        workerSpans: spansFromJournal(event.changes, state.workerSpans),
      };
    case 'items':
      return { tasks: withItemCounts(state.tasks, event.items) };
    case 'workers':
      return { workers: event.workers };
    case 'run':
      // A verdict belongs to its run: a new run has none yet.
      return state.verification && state.verification.runId !== event.run?.id ? { run: event.run, verification: null } : { run: event.run };
    case 'faults':
      return engineSettingsArrived({ faults: event.faults, settings: event.settings });
    case 'problems':
      return { tasks: withProblems(state.tasks, event.problems, event.notes) };
    case 'counters':
      return { counters: event.counters };
    case 'halted':
      return { halted: event.message };
    case 'verify':
      return event.verification ? { verifyProgress: event.progress, verification: event.verification } : { verifyProgress: event.progress };
    case 'export':
      return { gifExport: { done: event.done, total: event.total, finished: event.finished, error: event.error ?? null } };
  }
}

/**
 * What a graph snapshot holds whole: such an event sent before a snapshot in the same batch is
 * older than it and is dropped (task rows are kept: each carries its seq, and an older one is
 * ignored by the task it names).
 */
const IN_SNAPSHOT = new Set<EngineEvent['kind']>(['items', 'run', 'counters', 'workers', 'faults', 'problems', 'halted']);

/**
 * One engine batch, applied as one store update: the last graph snapshot first (a task it adds
 * takes the rows that came with it), then the deltas, less those the snapshot supersedes.
 */
export function applyBatch(batch: EventBatch): void {
  let last = -1;
  let snapshot: Snapshot | null = null;
  batch.events.forEach((event, i) => {
    if (event.kind === 'graph') [last, snapshot] = [i, event.snapshot];
  });
  useFaultline.setState((state) => {
    let next = state;
    if (snapshot) next = { ...next, ...snapshotState(next, snapshot) };
    batch.events.forEach((event, i) => {
      if (event.kind !== 'graph' && !(i < last && IN_SNAPSHOT.has(event.kind))) next = { ...next, ...reduce(next, event) };
    });
    return next;
  });
}
