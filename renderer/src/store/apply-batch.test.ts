import type { EngineEvent, JournalRow, VerificationView } from '@contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { journalRow, resetStore, snapshotOf, taskView } from '../test-support/views';
import { applyBatch } from './apply-batch';
import { applySnapshot } from './apply-snapshot';
import { useFaultline } from './store';

const apply = (...events: EngineEvent[]) => applyBatch({ kind: 'batch', events });
const tasksEvent = (...changes: JournalRow[]): EngineEvent => ({ kind: 'tasks', changes });
const state = () => useFaultline.getState();

beforeEach(() => {
  resetStore();
  applySnapshot(
    snapshotOf([taskView('a', { seq: 1 }), taskView('b', { seq: 1 }), taskView('c', { seq: 1, status: 'completed', contentKey: 'k-c' })]),
  );
});

describe('task events', () => {
  it('change the tasks they name, and no other task or canvas node', () => {
    const { tasks: before, flowNodes, flowEdges } = state();
    apply(tasksEvent(journalRow(5, 'a', { status: 'running', worker: 1 }), journalRow(6, 'b', { status: 'completed', contentKey: 'k-b' })));

    const { tasks } = state();
    expect(tasks['a']).toMatchObject({ status: 'running', worker: 1, attempt: 1, seq: 5 });
    expect(tasks['b']).toMatchObject({ status: 'completed', contentKey: 'k-b', seq: 6 });
    expect(tasks['c']).toBe(before['c']);
    expect(state().flowNodes).toBe(flowNodes);
    expect(state().flowEdges).toBe(flowEdges);
  });

  it('leave a task alone for a row older than what it holds, and make no task for an unknown node', () => {
    apply(tasksEvent(journalRow(9, 'a', { status: 'completed' })));
    apply(tasksEvent(journalRow(4, 'a', { status: 'failed' }), journalRow(10, 'ghost', { status: 'running' })));

    expect(state().tasks['a']).toMatchObject({ status: 'completed', seq: 9 });
    expect(Object.keys(state().tasks).sort()).toEqual(['a', 'b', 'c']);
  });

  it('apply rows in order, the last for a task winning, and keep a content key a row does not carry', () => {
    apply(
      tasksEvent(
        journalRow(5, 'c', { status: 'running', attempt: 2 }),
        journalRow(6, 'c', { status: 'failed', attempt: 2, errorKind: 'injected_error', errorMessage: 'boom' }),
        journalRow(7, 'c', { status: 'running', attempt: 3 }),
      ),
    );
    expect(state().tasks['c']).toMatchObject({ status: 'running', attempt: 3, errorKind: null, errorMessage: null, contentKey: 'k-c' });
  });

  it('append only rows newer than the journal holds, keeping the latest 20,000', () => {
    apply(tasksEvent(journalRow(1, 'a'), journalRow(2, 'b')));
    apply(tasksEvent(journalRow(2, 'b'), journalRow(3, 'c')));
    expect(state().journal.map((r) => r.seq)).toEqual([1, 2, 3]);

    useFaultline.setState({ journal: Array.from({ length: 20_000 }, (_, i) => journalRow(i + 1, 'a')) });
    apply(tasksEvent(journalRow(20_001, 'a'), journalRow(20_002, 'b')));
    expect(state().journal).toHaveLength(20_000);
    expect(state().journal[0]?.seq).toBe(3);
    expect(state().journal.at(-1)?.seq).toBe(20_002);
  });

  it("open a worker's span on a running row and close it with the task's next row", () => {
    apply(tasksEvent(journalRow(5, 'a', { status: 'running', worker: 2, at: 100 })));
    expect(state().workerSpans).toEqual([{ worker: 2, nodeId: 'a', start: 100, end: null, outcome: null }]);
    apply(tasksEvent(journalRow(6, 'a', { status: 'completed', at: 180 })));
    expect(state().workerSpans).toEqual([{ worker: 2, nodeId: 'a', start: 100, end: 180, outcome: 'completed' }]);
  });
});

describe('a batch', () => {
  it('drops counts sent before a snapshot, which holds newer ones, and applies those sent after it', () => {
    const counts = (dead: number) => ({ pending: 0, running: 0, completed: 29, failed: 0, dead, blocked: 0, cancelled: 0 });
    const before = counts(0);
    const after = counts(1);
    apply(
      { kind: 'items', items: { a: before } },
      { kind: 'graph', snapshot: snapshotOf([taskView('a', { seq: 2, items: after, status: 'dead' }), taskView('b'), taskView('c')]) },
    );
    expect(state().tasks['a']?.items).toEqual(after);
    // And a delta after a snapshot still applies on top of it.
    apply(
      { kind: 'graph', snapshot: snapshotOf([taskView('a', { seq: 2, items: before }), taskView('b'), taskView('c')]) },
      { kind: 'items', items: { a: after } },
    );
    expect(state().tasks['a']?.items).toEqual(after);
  });

  it('applies a graph snapshot first, so a task it adds takes the deltas that came with it', () => {
    apply(tasksEvent(journalRow(3, 'd', { status: 'running' })), {
      kind: 'graph',
      snapshot: snapshotOf([taskView('a'), taskView('b'), taskView('c'), taskView('d', { seq: 1 })]),
    });
    expect(state().tasks['d']).toMatchObject({ status: 'running', seq: 3 });
  });

  it('gives a new object only to the tasks whose problem or note changed', () => {
    const before = state().tasks;
    apply({ kind: 'problems', problems: { b: 'no input' }, notes: {} });
    expect(state().tasks['b']?.problem).toBe('no input');
    expect(state().tasks['a']).toBe(before['a']);
    expect(state().tasks['c']).toBe(before['c']);
  });

  it('keeps a verdict for its own run and drops it when another run starts', () => {
    const verdict: VerificationView = { runId: 1, at: 0, identical: 1, total: 1, sinks: [] };
    const run = (id: number) => ({ id, status: 'running' as const, startedAt: 0, endedAt: null, outDir: '/out', outcome: null });
    useFaultline.setState({ verification: verdict });

    apply({ kind: 'run', run: run(1) });
    expect(state().verification).toBe(verdict);
    apply({ kind: 'run', run: run(2) });
    expect(state().verification).toBeNull();
    expect(state().run?.id).toBe(2);
  });

  it('says when the engine halted, and touches nothing else', () => {
    const before = state();
    apply({ kind: 'halted', message: 'disk full' });
    expect(state().halted).toBe('disk full');
    expect(state().tasks).toBe(before.tasks);
    expect(state().journal).toBe(before.journal);
  });
});
