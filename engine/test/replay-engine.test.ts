import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Timeline } from '../replay/timeline.js';
import { openEngine } from './helpers.js';

test("after a real run under faults, the replay ends on the engine's own projection and counters", async () => {
  const { engine } = await openEngine({
    faults: { seed: 7, chances: { error: 0.2, panic: 0.05, hang: 0, missing: 0.1, corrupt: 0.05, crash: 0 } },
    settings: { backoffBaseMs: 5, timeoutMs: 5_000, maxAttempts: 20 },
  });
  const started = await engine.execute('run.start', {});
  assert.ok(started.ok, JSON.stringify(!started.ok && started.error));
  const summary = await engine.waitForRunEnd();
  assert.equal(summary.run?.status, 'completed', summary.problems.join('; '));

  const lastSeq = engine.journal.lastSeq();
  const timeline = new Timeline(engine.journal.db, { checkpointEvery: 7 });
  const point = timeline.pointAt(lastSeq);
  const byTask = (m: Map<number, unknown>) => [...m.entries()].sort(([a], [b]) => a - b);
  assert.deepEqual(byTask(point.tasks), byTask(engine.journal.states()));

  const info = await engine.execute('replay.info', {});
  assert.ok(info.ok);
  assert.ok(
    info.value.marks.some((m) => m.kind === 'failure'),
    'seed 7 injects faults: the run must have had some',
  );
  assert.ok(info.value.marks.some((m) => m.kind === 'recovery'));

  const state = await engine.execute('replay.stateAt', { seq: lastSeq });
  assert.ok(state.ok);
  const live = engine.snapshot();
  assert.deepEqual(
    state.value.tasks.map((t) => [t.id, t.status, t.attempt]),
    live.tasks.map((t) => [t.id, t.status, t.attempt]),
  );
  const { byStatus, retries, recoveries, events } = live.counters;
  assert.deepEqual(state.value.counters, { byStatus, retries, recoveries, events });
});
