import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OP_NAMES, type EngineEvent, type FaultKind, type JournalRow } from '../contract/index.js';
import type { Engine } from '../scheduler/engine.js';
import { eventRows, faultFreeSampleOutputs, openEngine, outputHashes, runToEnd } from './helpers.js';

/**
 * One test per fault kind. Each puts the fault on one node (a per-node override), lifts it
 * live once the first failure shows, and checks the recovery that kind calls for.
 */
async function faultOnceOn(engine: Engine, nodeId: string, kind: FaultKind, until: (row: JournalRow) => boolean): Promise<JournalRow[]> {
  const rows: JournalRow[] = [];
  engine.changeSettings({ faults: { overrides: { [nodeId]: { chances: { [kind]: 1 } } } } }, 'test');
  engine.subscribe((event: EngineEvent) => {
    if (event.kind !== 'tasks') return;
    rows.push(...event.changes);
    if (event.changes.some(until)) engine.changeSettings({ faults: { overrides: { [nodeId]: null } } }, 'test');
  });
  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'completed', summary.problems.join('; '));
  return rows;
}

test('panic: the worker thread dies, the pool respawns it, the task fails and succeeds on retry', async () => {
  const { engine, outDir } = await openEngine({ settings: { backoffBaseMs: 5 } });
  const rows = await faultOnceOn(engine, 'coffee-blur', 'panic', (r) => r.errorKind === 'worker_crashed');
  const failed = rows.find((r) => r.nodeId === 'coffee-blur' && r.status === 'failed');
  assert.equal(failed?.errorKind, 'worker_crashed');
  assert.match(failed?.errorMessage ?? '', /injected panic/);
  const blurWorker = engine.snapshot().workers.find((w) => w.ops.includes('blur'))!;
  assert.ok(blurWorker.restarts >= 1, 'the crashed worker should have been respawned');
  assert.equal(blurWorker.state === 'idle' || blurWorker.state === 'busy', true);
  assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
});

test('hang: the op never returns; missed heartbeats or the timeout terminate the thread, and the retry succeeds', async () => {
  const { engine } = await openEngine({ settings: { timeoutMs: 800, backoffBaseMs: 5 } });
  const started = Date.now();
  const rows = await faultOnceOn(engine, 'rocket-bright', 'hang', (r) => r.errorKind === 'timeout');
  const failed = rows.find((r) => r.nodeId === 'rocket-bright' && r.status === 'failed');
  assert.equal(failed?.errorKind, 'timeout');
  assert.match(failed?.errorMessage ?? '', /terminated/);
  assert.ok(Date.now() - started < 30_000);
  assert.equal(engine.graph.byNodeId.get('rocket-bright')!.state.status, 'completed');
});

test('missing input: the parent whose output vanished is reverted and re-run, then the child', async () => {
  const { engine, outDir } = await openEngine({ settings: { backoffBaseMs: 5 } });
  const rows = await faultOnceOn(engine, 'cat-gray', 'missing', (r) => r.errorKind === 'input_missing');
  const waited = rows.find((r) => r.nodeId === 'cat-gray' && r.status === 'pending' && r.errorKind === 'input_missing');
  assert.ok(waited, 'the child should wait for its parent');
  const revert = rows.find((r) => r.nodeId === 'cat-face' && r.status === 'pending' && r.errorKind === 'input_missing');
  assert.ok(revert, 'the parent should be reverted');
  assert.ok(
    rows.some((r) => r.nodeId === 'cat-face' && r.status === 'completed' && r.seq > revert.seq),
    'and re-run',
  );
  // Waiting for a parent spends no attempt of the child.
  assert.equal(rows.filter((r) => r.nodeId === 'cat-gray' && r.status === 'failed').length, 0);
  assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
});

test('corrupt output: a damaged output is caught by its checksum when read, and the parent re-runs', async () => {
  const { engine, outDir } = await openEngine({ settings: { backoffBaseMs: 5 } });
  const rows = await faultOnceOn(engine, 'coffee-small', 'corrupt', (r) => r.errorKind === 'input_corrupt');
  const caught = rows.find((r) => r.nodeId === 'coffee-blur' && r.errorKind === 'input_corrupt');
  assert.match(caught?.errorMessage ?? '', /fails its checksum/);
  assert.ok(rows.some((r) => r.nodeId === 'coffee-small' && r.status === 'pending' && r.errorKind === 'input_corrupt'));
  assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
});

test('a corrupt sink output is caught before export and recomputed', async () => {
  const { engine, outDir } = await openEngine({ settings: { backoffBaseMs: 5 } });
  const rows = await faultOnceOn(engine, 'postcard', 'corrupt', (r) => r.errorKind === 'input_corrupt');
  // The path really fired: the journal names the damage, the export check caught it, and the
  // sink was computed again.
  const postcard = eventRows(engine, `t.node_id = 'postcard'`);
  assert.ok(
    postcard.some((r) => r.status === 'completed' && r.fault === 'corrupt'),
    'the corrupt fault struck postcard',
  );
  const caught = rows.find((r) => r.nodeId === 'postcard' && r.status === 'pending' && r.errorKind === 'input_corrupt');
  assert.match(caught?.message ?? '', /reverted/);
  assert.equal(postcard.filter((r) => r.status === 'running').length, 2, 'computed twice: once damaged, once for the export');
  assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
});

test('an op failing every attempt ends dead after max attempts, its descendants blocked, other branches complete', async () => {
  const { engine, outDir } = await openEngine({
    faults: { overrides: { 'rocket-strip': { alwaysFail: true } } },
    settings: { maxAttempts: 3, backoffBaseMs: 5 },
  });
  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'failed');
  const state = (id: string) => engine.graph.byNodeId.get(id)!.state;
  assert.equal(state('rocket-strip').status, 'dead');
  assert.equal(state('rocket-strip').attempt, 3);
  for (const id of ['rocket-bright', 'rocket-thumb', 'launch', 'postcard']) {
    assert.equal(state(id).status, 'blocked', `${id} should be blocked`);
    assert.match(state(id).message ?? '', /rocket-strip is dead/);
  }
  assert.equal(state('cat-portrait').status, 'completed');
  assert.ok(outputHashes(outDir)['cat-portrait.png']);
  const attempts = eventRows(engine, `t.node_id = 'rocket-strip' AND e.status = 'failed'`);
  assert.equal(attempts.length, 2, 'two failed attempts with backoff, then the third is dead');
  assert.ok(summary.problems.some((p) => p.startsWith('rocket-strip (crop) is dead')));
});

test('backoff grows exponentially between retries', async () => {
  const { engine } = await openEngine({
    faults: { overrides: { cat: { alwaysFail: true } } },
    settings: { maxAttempts: 4, backoffBaseMs: 40, backoffMaxMs: 10_000 },
  });
  await runToEnd(engine);
  const failed = eventRows(engine, `t.node_id = 'cat' AND e.status = 'failed'`);
  const waits = failed.map((r) => (r.retry_at as number) - (r.at as number));
  assert.equal(waits.length, 3);
  // Full jitter in [ceiling/2, ceiling] with ceilings 40, 80, 160.
  waits.forEach((w, i) => {
    const ceiling = 40 * 2 ** i;
    assert.ok(w >= ceiling / 2 && w <= ceiling, `wait ${i + 1} was ${w} ms, expected ${ceiling / 2}..${ceiling}`);
  });
});

test("one worker holding every parent's pixels in memory still lets a child see a removed or damaged input", async () => {
  // One thread takes every op, so each child runs where its parent's pixels are still held.
  for (const [kind, errorKind] of [
    ['missing', 'input_missing'],
    ['corrupt', 'input_corrupt'],
  ] as const) {
    const { engine, outDir } = await openEngine({ settings: { workers: 1, backoffBaseMs: 5 }, affinity: [[...OP_NAMES]] });
    const rows = await faultOnceOn(engine, kind === 'missing' ? 'cat-gray' : 'coffee-small', kind, (r) => r.errorKind === errorKind);
    assert.ok(
      rows.some((r) => r.errorKind === errorKind),
      `${kind}: the child should have met the fault`,
    );
    assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
    await engine.close();
  }
});
