import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dispatchCommand } from '../host/dispatch.js';
import { eventRows, faultFreeSampleOutputs, openEngine, outputHashes, runToEnd, whenEngine } from './helpers.js';

test('pause stops new dispatches, resume finishes the run', async () => {
  const { engine, outDir } = await openEngine({ faults: { throttleMs: 60 } });
  await engine.startRun();
  const counts = () => engine.graph.countByStatus();
  await whenEngine(engine, () => counts().completed >= 2);
  assert.equal(engine.runs.pause()?.status, 'paused');
  // Tasks already on a thread finish; then nothing more may start while paused.
  await whenEngine(engine, () => counts().running === 0);
  const before = eventRows(engine, `e.status = 'running'`).length;
  assert.ok(counts().pending > 0, 'work is left for resume');
  // Every thread reports idle after its last job; a dispatch would follow that report.
  await whenEngine(engine, () => engine.workerViews().every((w) => w.state === 'idle'));
  await new Promise((resolve) => setImmediate(resolve)); // one pump pass after the last report
  assert.equal(eventRows(engine, `e.status = 'running'`).length, before, 'nothing starts while paused');
  assert.equal(engine.runs.resume()?.status, 'running');
  const summary = await engine.waitForRunEnd();
  assert.equal(summary.run?.status, 'completed');
  assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
});

test('cancel ends the run; tasks not yet done are cancelled, a new run finishes them', async () => {
  const { engine, outDir } = await openEngine({ faults: { throttleMs: 80 } });
  await engine.startRun();
  await whenEngine(engine, () => engine.graph.countByStatus().completed >= 2);
  assert.equal(engine.runs.cancel()?.status, 'cancelled');
  const cancelled = [...engine.graph.byId.values()].filter((n) => n.state.status === 'cancelled');
  assert.ok(cancelled.length > 0);
  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'completed');
  assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
});

test('task.revert re-runs the task and its descendants (really recomputed), task.retry revives a dead task', async () => {
  const { engine } = await openEngine({ faults: { overrides: { poster: { alwaysFail: true } } }, settings: { maxAttempts: 2, backoffBaseMs: 5 } });
  await runToEnd(engine);
  assert.equal(engine.graph.byNodeId.get('poster')!.state.status, 'dead');
  assert.equal(engine.graph.byNodeId.get('postcard')!.state.status, 'blocked');

  engine.changeSettings({ faults: { overrides: { poster: null } } }, 'test');
  const retried = await engine.execute('task.retry', { id: 'poster' });
  assert.ok(retried.ok);
  let summary = await engine.waitForRunEnd();
  assert.equal(summary.run?.status, 'completed');

  const runningBefore = eventRows(engine, `e.status = 'running'`).length;
  const reverted = await engine.execute('task.revert', { id: 'coffee-blur' });
  assert.ok(reverted.ok);
  summary = await engine.waitForRunEnd();
  assert.equal(summary.run?.status, 'completed');
  const rerun = eventRows(engine, `e.status = 'running'`)
    .slice(runningBefore)
    .map((r) => r.nodeId)
    .sort();
  assert.deepEqual(rerun, ['coffee-blur', 'postcard', 'poster']);
  // Counts per status are kept per change; they must still equal a recount.
  const recount: Record<string, number> = { pending: 0, running: 0, completed: 0, failed: 0, dead: 0, blocked: 0, cancelled: 0 };
  for (const t of engine.snapshot().tasks) recount[t.status]!++;
  assert.deepEqual(engine.snapshot().counters.byStatus, recount);
});

test('task.cancel cancels one task and blocks what depends on it; the rest completes', async () => {
  const { engine } = await openEngine({ faults: { throttleMs: 50 } });
  await engine.startRun();
  const result = await engine.execute('task.cancel', { id: 'rocket' });
  assert.ok(result.ok);
  const summary = await engine.waitForRunEnd();
  assert.equal(summary.run?.status, 'cancelled', 'a node cancelled by hand is no failure');
  assert.match(summary.run?.outcome ?? '', /^1 node cancelled by hand; /);
  assert.equal(engine.graph.byNodeId.get('rocket')!.state.status, 'cancelled');
  assert.equal(engine.graph.byNodeId.get('launch')!.state.status, 'blocked');
  assert.equal(engine.graph.byNodeId.get('cat-portrait')!.state.status, 'completed');
});

test('graph edits are validated and journaled: cycles and arity are refused with a reason', async () => {
  const { engine } = await openEngine();
  const added = await engine.execute('graph.addNode', { op: 'blur', position: { x: 1, y: 2 } });
  assert.ok(added.ok);
  const id = added.value.id;
  assert.ok((await engine.execute('graph.connect', { source: 'cat', target: id })).ok);
  const second = await engine.execute('graph.connect', { source: 'coffee', target: id });
  assert.deepEqual(second, { ok: false, error: { kind: 'graph_invalid', message: `${id} (blur) takes at most 1 input` } });
  const cycle = await engine.execute('graph.connect', { source: 'launch', target: 'cat-face', slot: 0 });
  assert.equal(cycle.ok, false);
  assert.match(!cycle.ok ? cycle.error.message : '', /would make a cycle/);
  const badParams = await engine.execute('graph.updateParams', { id, params: { sigma: 'lots' } });
  assert.equal(!badParams.ok && badParams.error.kind, 'bad_params');
  assert.ok((await engine.execute('graph.updateParams', { id, params: { sigma: 7 } })).ok);
  const edits = engine.journal.db.prepare('SELECT kind FROM graph_edits ORDER BY seq').all() as Array<{ kind: string }>;
  assert.deepEqual(edits.map((e) => e.kind).slice(-3), ['addNode', 'connect', 'updateParams']);
  const exported = await engine.execute('graph.export', {});
  assert.ok(exported.ok);
  assert.deepEqual(
    exported.value.nodes.find((n) => n.id === id),
    { id, op: 'blur', params: { sigma: 7 }, inputs: ['cat'], position: { x: 1, y: 2 } },
  );
});

test('reopening the journal shows the same graph and state', async () => {
  const first = await openEngine();
  await first.engine.execute('graph.addNode', { op: 'grayscale', id: 'gray', position: { x: 5, y: 5 } });
  await first.engine.execute('graph.connect', { source: 'rocket', target: 'gray' });
  await runToEnd(first.engine);
  const before = first.engine.snapshot();
  await first.engine.close();
  const second = await openEngine({ journalPath: first.journalPath, outDir: first.outDir, pipelinePath: undefined });
  const after = second.engine.snapshot();
  assert.deepEqual(after.tasks, before.tasks);
  assert.equal(after.tasks.find((t) => t.id === 'gray')?.status, 'completed');
});

test('the command gate refuses unknown commands and malformed payloads as data, and the engine keeps working', async () => {
  const { engine } = await openEngine();
  assert.deepEqual(await dispatchCommand(engine, 'shell.exec', {}), {
    ok: false,
    error: { kind: 'unknown_command', message: 'unknown command "shell.exec"' },
  });
  const bad = await dispatchCommand(engine, 'graph.addNode', { op: 'blur', position: { x: 'left' } });
  assert.equal(!bad.ok && bad.error.kind, 'invalid_payload');
  const extra = await dispatchCommand(engine, 'faults.set', { faults: { chances: { error: 7 } } });
  assert.equal(!extra.ok && extra.error.kind, 'invalid_payload');
  const snapshot = await dispatchCommand(engine, 'graph.get', {});
  assert.ok(snapshot.ok);
});

test('task.retry while the run is still going puts the task back to work, and the run finishes', async () => {
  const { engine } = await openEngine({
    faults: { throttleMs: 120, overrides: { cat: { alwaysFail: true } } },
    settings: { maxAttempts: 1 },
  });
  await engine.startRun();
  await whenEngine(engine, () => engine.graph.byNodeId.get('cat')!.state.status === 'dead');
  assert.equal(engine.run?.status, 'running', 'other branches are still running');
  engine.changeSettings({ faults: { overrides: { cat: null } } }, 'test');
  assert.ok((await engine.execute('task.retry', { id: 'cat' })).ok);
  // A run that waited forever on the retried task would fail this test by its timeout.
  const summary = await engine.waitForRunEnd();
  assert.equal(summary.run?.status, 'completed', summary.problems.join('; '));
});

test('run.start refuses a graph an edit left short of inputs, naming the node', async () => {
  const { engine } = await openEngine();
  const added = await engine.execute('graph.addNode', { op: 'overlay', id: 'lonely', position: { x: 0, y: 0 } });
  assert.ok(added.ok);
  await engine.execute('graph.connect', { source: 'cat', target: 'lonely' });
  const started = await engine.execute('run.start', {});
  assert.equal(!started.ok && started.error.kind, 'graph_invalid');
  assert.match(!started.ok ? started.error.message : '', /node lonely \(overlay\): takes 2 inputs, has 1/);
});
