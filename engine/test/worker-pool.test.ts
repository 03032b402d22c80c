import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { InjectedFault, TaskJob, TaskOutcome } from '../workers/messages.js';
import { WorkerPool } from '../workers/pool.js';

const noopJob = (id: number, fault: InjectedFault): TaskJob => ({
  taskId: id,
  dispatchId: id,
  nodeId: `n${id}`,
  op: 'noop',
  params: {},
  inputs: [],
  sourcePath: null,
  output: null,
  fault,
  throttleMs: 0,
  maxPixels: 1_000_000,
  timeoutMs: 10_000,
  durable: false,
});

/** Resolves when `condition` holds, checked on each of the pool's own reports (never on a timer). */
function watcher(): { tell: () => void; until: (condition: () => boolean) => Promise<void> } {
  const waiting = new Set<() => void>();
  return {
    tell: () => waiting.forEach((check) => check()),
    until: (condition) =>
      new Promise((resolve) => {
        const check = () => {
          if (!condition()) return;
          waiting.delete(check);
          resolve();
        };
        waiting.add(check);
        check();
      }),
  };
}

test('a job finished just before the next job on its thread panics is reported done, not lost with the thread', async () => {
  const outcomes: TaskOutcome[] = [];
  const pool = new WorkerPool({ size: 1, timeoutMs: 10_000, tasksPerWorker: 4 });
  const { tell, until } = watcher();
  pool.connect({
    onOutcome: (_worker, outcome) => {
      outcomes.push(outcome);
      tell();
    },
    onChange: tell,
  });
  try {
    await until(() => pool.views()[0]!.state === 'idle'); // the thread started
    // Two messages, as two scheduling passes send them: the first job completes while the
    // thread is between them, and the second kills the thread as soon as it starts.
    pool.dispatch(noopJob(1, null));
    pool.sendDispatched();
    pool.dispatch(noopJob(2, 'panic'));
    pool.sendDispatched();
    await until(() => outcomes.length === 2);
    const byTask = new Map(outcomes.map((o) => [o.taskId, o]));
    assert.equal(byTask.get(1)!.ok, true, `job 1: ${JSON.stringify(byTask.get(1))}`);
    assert.equal(byTask.get(2)!.ok, false);
    assert.equal((byTask.get(2) as { kind: string }).kind, 'worker_crashed');
  } finally {
    await pool.close();
  }
});
