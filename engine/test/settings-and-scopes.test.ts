import assert from 'node:assert/strict';
import { test } from 'node:test';
import { COMMAND_SCHEMAS, DEFAULT_RUN_SETTINGS, mergeSettings, NO_FAULTS, type EngineEvent } from '../contract/index.js';
import { dispatchCommand } from '../host/dispatch.js';
import { Engine } from '../scheduler/engine.js';
import { openEngine, runToEnd, SAMPLE } from './helpers.js';

/** Every faults.set goes through the host's gate, as a UI's would. */
const set = (engine: Engine, payload: unknown) => dispatchCommand(engine, 'faults.set', payload);

test('a settings patch changes only what it names: the slider bug (zod defaults under .partial())', async () => {
  const parsed = COMMAND_SCHEMAS['faults.set'].parse({ faults: { throttleMs: 100 } });
  assert.deepEqual(parsed, { faults: { throttleMs: 100 } }, 'parsing a patch adds nothing to it');

  const { engine } = await openEngine();
  const moves: Array<[unknown, (s: ReturnType<Engine['snapshot']>) => unknown, unknown]> = [
    [{ faults: { chances: { error: 0.3 } } }, (s) => s.faults.chances.error, 0.3],
    [{ faults: { throttleMs: 250 } }, (s) => s.faults.throttleMs, 250],
    [{ settings: { maxAttempts: 8 } }, (s) => s.settings.maxAttempts, 8],
    [{ settings: { workers: 3 } }, (s) => s.settings.workers, 3],
    [{ faults: { chances: { panic: 0.05 } } }, (s) => s.faults.chances.panic, 0.05],
    [{ faults: { seed: 42 } }, (s) => s.faults.seed, 42],
    [{ settings: { timeoutMs: 4_000 } }, (s) => s.settings.timeoutMs, 4_000],
    [{ faults: { overrides: { 'cat-portrait': { alwaysFail: true } } } }, (s) => s.faults.overrides['cat-portrait']?.alwaysFail, true],
  ];
  const expected: Array<[(s: ReturnType<Engine['snapshot']>) => unknown, unknown]> = [];
  for (const [patch, read, value] of moves) {
    const result = await set(engine, patch);
    assert.ok(result.ok, JSON.stringify(result));
    expected.push([read, value]);
    // After each move, every earlier move still holds.
    for (const [readBack, held] of expected) assert.deepEqual(readBack(engine.snapshot()), held);
  }
  const s = engine.snapshot();
  assert.equal(s.faults.chances.hang, 0, 'what nobody touched is still the default');
  assert.equal(s.settings.backoffBaseMs, DEFAULT_RUN_SETTINGS.backoffBaseMs);

  // Untick "always fail": the override goes, nothing else moves.
  assert.ok((await set(engine, { faults: { overrides: { 'cat-portrait': null } } })).ok);
  const after = engine.snapshot();
  assert.deepEqual(after.faults.overrides, {});
  assert.deepEqual({ ...after.faults, overrides: {} }, { ...s.faults, overrides: {} });
  assert.deepEqual(after.settings, s.settings);
});

test('settings are validated whole: a cross-field error is refused as data and changes nothing', async () => {
  const { engine } = await openEngine();
  const before = engine.snapshot();
  const refused = await set(engine, { settings: { backoffBaseMs: 2_000, backoffMaxMs: 1_000 } });
  assert.equal(refused.ok, false);
  assert.match(!refused.ok ? refused.error.message : '', /backoffMaxMs must be at least backoffBaseMs/);
  assert.deepEqual(engine.snapshot().settings, before.settings);
  assert.equal((await set(engine, { faults: { chances: { error: 2 } } })).ok, false, 'a chance over 1 is refused at the gate');
  assert.equal((await set(engine, { faults: { overrides: { '../x': { alwaysFail: true } } } })).ok, false, 'override keys follow the node id rule');
});

test('a per-node override of one chance keeps the global chances for the other kinds', () => {
  const merged = mergeSettings(
    { faults: { ...NO_FAULTS, chances: { ...NO_FAULTS.chances, error: 0.2 } }, settings: DEFAULT_RUN_SETTINGS },
    { faults: { overrides: { a: { chances: { hang: 1 } } } } },
  );
  assert.ok(merged.ok);
  assert.deepEqual(merged.value.faults.overrides, { a: { chances: { hang: 1 } } }, 'no defaults were filled in for the other kinds');
});

test('settings live in the journal: every change is journaled with its time, and a reopened journal restores the last', async () => {
  const { engine, journalPath, outDir } = await openEngine();
  await set(engine, { faults: { throttleMs: 300, chances: { error: 0.25 } } });
  await set(engine, { settings: { maxAttempts: 9 } });
  await set(engine, { faults: { overrides: { poster: { alwaysFail: true } } } });
  const rows = engine.journal.db.prepare('SELECT at, source, faults, settings FROM settings_changes ORDER BY id').all() as Array<{
    at: number;
    source: string;
    faults: string;
  }>;
  assert.ok(rows.length >= 4, 'the opening settings and three changes');
  assert.ok(rows.every((r) => r.at > 0));
  assert.deepEqual(
    rows.slice(-3).map((r) => r.source),
    ['ui', 'ui', 'ui'],
  );
  await engine.close();

  const again = await Engine.open({ journalPath, outDir });
  try {
    const s = again.snapshot();
    assert.equal(s.faults.throttleMs, 300);
    assert.equal(s.faults.chances.error, 0.25);
    assert.equal(s.settings.maxAttempts, 9);
    assert.deepEqual(s.faults.overrides, { poster: { alwaysFail: true } });
  } finally {
    await again.close();
  }
});

test('opening another pipeline starts its own run history: no old run, counters, journal rows or replay', async () => {
  const { engine } = await openEngine({
    faults: { chances: { error: 0.3 }, seed: 3 },
    settings: { maxAttempts: 20, backoffBaseMs: 1, backoffMaxMs: 5 },
  });
  await runToEnd(engine);
  assert.ok(engine.snapshot().counters.retries > 0, 'the first pipeline had retries');
  const replaced = await dispatchCommand(engine, 'graph.replace', {
    pipeline: { name: 'other', nodes: [{ id: 'only', op: 'load', params: { path: 'photos/chelsea.png' } }] },
  });
  assert.ok(replaced.ok, JSON.stringify(replaced));
  const s = engine.snapshot();
  assert.equal(s.pipeline.name, 'other');
  assert.equal(s.run, null, 'no run of this pipeline yet');
  assert.equal(s.counters.retries, 0);
  assert.equal(s.counters.recoveries, 0);
  const page = await dispatchCommand(engine, 'journal.page', {});
  assert.ok(page.ok);
  assert.deepEqual((page.value as { rows: unknown[] }).rows, [], 'the old pipeline rows are not this one');
  const info = await dispatchCommand(engine, 'replay.info', {});
  assert.ok(info.ok);
  assert.deepEqual((info.value as { marks: unknown[] }).marks, [], 'no failures of the other pipeline to jump to');

  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'completed');
  const rows = await dispatchCommand(engine, 'journal.page', {});
  assert.ok(rows.ok);
  const nodeIds = new Set((rows.value as { rows: Array<{ nodeId: string }> }).rows.map((r) => r.nodeId));
  assert.deepEqual([...nodeIds], ['only']);
});

test('positions: a file without them is laid out once on import; edits never move a node', async () => {
  const { engine } = await openEngine({ pipelinePath: SAMPLE });
  const placed = new Map(engine.snapshot().tasks.map((t) => [t.id, t.position]));
  assert.ok(
    [...placed.values()].every((p) => p !== null),
    'every node has a place',
  );
  const added = await dispatchCommand(engine, 'graph.addNode', { op: 'blur', position: { x: 2000, y: 40 } });
  assert.ok(added.ok);
  const id = (added.value as { id: string }).id;
  assert.ok((await dispatchCommand(engine, 'graph.connect', { source: 'cat-portrait', target: id })).ok);
  assert.ok((await dispatchCommand(engine, 'graph.removeNode', { id: 'postcard' })).ok);
  for (const t of engine.snapshot().tasks) if (placed.has(t.id)) assert.deepEqual(t.position, placed.get(t.id), `${t.id} stayed put`);
  assert.deepEqual(engine.snapshot().tasks.find((t) => t.id === id)?.position, { x: 2000, y: 40 }, 'a new node stays where it was dropped');

  const graphs: EngineEvent[] = [];
  engine.subscribe((e) => e.kind === 'graph' && graphs.push(e));
  const moved = await dispatchCommand(engine, 'graph.moveNodes', {
    moves: [
      { id, position: { x: 10, y: 20 } },
      { id: 'cat-portrait', position: { x: 30, y: 40 } },
    ],
  });
  assert.ok(moved.ok);
  assert.equal(graphs.length, 1, 'one move of many nodes tells the UIs once');
  assert.deepEqual(engine.snapshot().tasks.find((t) => t.id === 'cat-portrait')?.position, { x: 30, y: 40 });
});

test('problems show at the node as the graph is edited, and a run refused for them says so', async () => {
  const { engine } = await openEngine();
  const problems: Array<Record<string, string>> = [];
  const seen = new Promise<void>((resolve) =>
    engine.subscribe((e) => {
      if (e.kind !== 'problems') return;
      problems.push(e.problems);
      if (e.problems['lonely'] && e.problems['stray']) resolve();
    }),
  );
  assert.ok((await dispatchCommand(engine, 'graph.addNode', { op: 'overlay', id: 'lonely', position: { x: 0, y: 0 } })).ok);
  // Deep enough to climb to / from any checkout, so the path always points outside.
  assert.ok(
    (
      await dispatchCommand(engine, 'graph.addNode', {
        op: 'load',
        id: 'stray',
        params: { path: `${'../'.repeat(32)}etc/hostname` },
        position: { x: 0, y: 200 },
      })
    ).ok,
  );
  await seen;
  const last = problems.at(-1)!;
  assert.match(last['lonely']!, /takes 2 inputs, has 0/);
  assert.match(last['stray']!, /escapes the allowed folders/);
  assert.equal(engine.snapshot().tasks.find((t) => t.id === 'lonely')?.problem, last['lonely']);
  const started = await dispatchCommand(engine, 'run.start', {});
  assert.equal(started.ok, false);
  assert.match(!started.ok ? started.error.message : '', /2 nodes cannot run \(marked on the canvas\); nothing was started/);
  assert.equal(engine.run, null);
});

test('honest words: a manual revert is no error, a node cancelled by hand ends the run cancelled, not failed', async () => {
  const { engine } = await openEngine({ faults: { throttleMs: 150 } });
  await engine.startRun();
  const cancelled = await dispatchCommand(engine, 'task.cancel', { id: 'poster' });
  assert.ok(cancelled.ok);
  const summary = await engine.waitForRunEnd();
  assert.equal(summary.run?.status, 'cancelled');
  assert.match(summary.run?.outcome ?? '', /1 node cancelled by hand; \d of \d outputs completed/);

  assert.ok((await dispatchCommand(engine, 'task.revert', { id: 'cat' })).ok);
  const reverted = engine.journal.db
    .prepare(
      `SELECT error_kind AS kind, error_message AS error, message FROM events e JOIN tasks t ON t.id = e.task_id
      WHERE t.node_id = 'cat' AND e.message LIKE 'reverted%' ORDER BY seq DESC LIMIT 1`,
    )
    .get() as { kind: string | null; error: string | null; message: string };
  assert.deepEqual(reverted, { kind: null, error: null, message: 'reverted: by hand' });
  const done = await engine.waitForRunEnd();
  assert.equal(done.run?.status, 'completed');
  assert.match(done.run?.outcome ?? '', /(\d) of \1 outputs completed/);
});

test('a replay knows which faults were on at each moment: the GIF header follows the journaled settings', async () => {
  const { engine } = await openEngine();
  const { Timeline } = await import('../replay/timeline.js');
  await runToEnd(engine);
  const quiet = engine.journal.lastSeq();
  assert.ok((await set(engine, { faults: { chances: { error: 0.2 }, seed: 7 } })).ok);
  assert.ok((await dispatchCommand(engine, 'task.revert', { id: 'cat' })).ok);
  await engine.waitForRunEnd();
  const timeline = new Timeline(engine.journal.db);
  assert.equal(timeline.faultsAt(quiet - 1), 'no faults injected');
  assert.equal(timeline.faultsAt(engine.journal.lastSeq()), 'faults: error 20% · seed 7');
});
