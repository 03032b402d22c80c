import assert from 'node:assert/strict';
import { existsSync, rmSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { batchPipeline, makePhotoFolder, treeHashes, writePhoto } from './batch-fixtures.js';
import type { EngineError } from '../errors.js';
import { seededRandom } from '../faults/seeded-random.js';
import { eventRows, openEngine, runCli, runToEnd, tempDir, writeJson } from './helpers.js';

const PHOTOS = 200;
const TRUNCATED = 57;

/** A pipeline folder with its photos under in/, made once for the whole file. */
async function batchDir(count = PHOTOS, truncatedAt: number | null = TRUNCATED) {
  const dir = tempDir();
  const made = await makePhotoFolder(join(dir, 'in'), count, truncatedAt);
  const file = join(dir, 'pipeline.json');
  writeJson(file, batchPipeline('in'));
  return { dir, file, made };
}

test('a folder maps every node after it: one task per photo, outputs by relative path, the bad photo dead and named', async () => {
  const { dir, file, made } = await batchDir();
  const { engine, outDir } = await openEngine({ pipelinePath: file });
  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'failed', 'one photo is dead, so the run did not complete');
  assert.equal(summary.batch.folders[0]?.photos, PHOTOS);

  const bad = made[TRUNCATED]!;
  assert.equal(summary.problems.length, 4, 'the bad photo, and its three descendants blocked');
  assert.match(
    summary.problems.find((p) => p.includes('is dead'))!,
    new RegExp(`photos \\[${bad.replace(/[./]/g, '\\$&')}\\].*truncated`),
  );
  const outputs = treeHashes(join(outDir, 'bright'));
  assert.equal(Object.keys(outputs).length, PHOTOS - 1);
  for (const rel of made.filter((r) => r !== bad)) assert.ok(outputs[rel.replace(/\.\w+$/, '.png')], `${rel} has its output, subfolders kept`);
  const snapshot = engine.snapshot();
  assert.deepEqual(
    snapshot.tasks.map((t) => t.id),
    ['photos', 'small', 'soft', 'bright'],
    'the canvas shows the drawn nodes only',
  );
  const bright = snapshot.tasks.find((t) => t.id === 'bright')!;
  assert.equal(bright.items?.completed, PHOTOS - 1);
  assert.equal(bright.items?.blocked, 1);
  assert.equal(snapshot.counters.byStatus.completed, (PHOTOS - 1) * 4, 'counters count items');
  assert.equal(existsSync(join(dir, 'in')), true);

  // The items grid's pages, and one photo's output at its real size.
  const dead = await engine.execute('items.page', { id: 'photos', offset: 0, limit: 50, status: 'dead' });
  assert.ok(dead.ok);
  assert.deepEqual(
    dead.value.rows.map((r) => r.relpath),
    [bad],
  );
  assert.match(dead.value.rows[0]!.errorMessage ?? '', new RegExp(bad.replace(/[./]/g, '\\$&')));
  const page = await engine.execute('items.page', { id: 'bright', offset: 190, limit: 50 });
  assert.ok(page.ok);
  assert.equal(page.value.total, PHOTOS);
  assert.equal(page.value.rows.length, 10);
  const one = page.value.rows.find((r) => r.status === 'completed')!;
  const view = await engine.execute('task.output', { id: one.taskId });
  assert.ok(view.ok, JSON.stringify(view));
  assert.equal(view.value.exportedTo, join(outDir, 'bright', one.relpath.replace(/\.\w+$/, '.png')));
  assert.equal((await engine.execute('items.page', { id: 'missing', offset: 0, limit: 1 })).ok, false);
});

test('photos added between runs are computed, unchanged ones never again, removed ones journaled as removed', async () => {
  const { dir, file, made } = await batchDir(24, null);
  const { engine, outDir } = await openEngine({ pipelinePath: file });
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
  const before = treeHashes(join(outDir, 'bright'));

  for (let i = 0; i < 3; i++) await writePhoto(join(dir, 'in', 'new', `added-${i}.png`), 1000 + i, 'png');
  rmSync(join(dir, 'in', made[5]!));
  const lastSeq = engine.journal.lastSeq();
  const second = await runToEnd(engine);
  assert.equal(second.run?.status, 'completed');
  assert.equal(second.batch.added, 12, 'three photos, four tasks each');
  assert.deepEqual(second.batch.removed, [made[5]]);
  const ran = eventRows(engine, `seq > ${lastSeq} AND status = 'running'`).map((r) => String(r['nodeId']));
  assert.equal(ran.length, 12, `exactly the three new chains ran: ${ran.join(', ')}`);
  const after = treeHashes(join(outDir, 'bright'));
  for (const [rel, hash] of Object.entries(before)) assert.equal(after[rel], hash, `${rel} unchanged (the removed photo's output is left alone)`);
  for (let i = 0; i < 3; i++) assert.ok(after[`new/added-${i}.png`]);

  // Reopened from the journal alone (as serve does): the items are its own; nothing runs again.
  await engine.close();
  const reopened = await openEngine({ journalPath: engine.journal.path, outDir, pipelinePath: undefined });
  const seqBefore = reopened.engine.journal.lastSeq();
  assert.equal((await runToEnd(reopened.engine)).run?.status, 'completed');
  assert.equal(eventRows(reopened.engine, `seq > ${seqBefore} AND status = 'running'`).length, 0);
  assert.equal(reopened.engine.graph.taskTotal(), (24 - 1 + 3) * 4);

  // One photo edited in place: its chain runs again, and nothing else.
  await writePhoto(join(dir, 'in', made[0]!), 777, 'png');
  const seqEdit = reopened.engine.journal.lastSeq();
  assert.equal((await runToEnd(reopened.engine)).run?.status, 'completed');
  const rerun = eventRows(reopened.engine, `seq > ${seqEdit} AND status = 'running'`).map((r) => String(r['nodeId']).split('@')[0]);
  assert.deepEqual(rerun.sort(), ['bright', 'photos', 'small', 'soft']);
  assert.notEqual(treeHashes(join(outDir, 'bright'))[made[0]!.replace(/\.\w+$/, '.png')], after[made[0]!.replace(/\.\w+$/, '.png')]);
});

test('30% mixed faults on every photo end byte-identical to the fault-free run; only the bad photo is dead', async () => {
  const { file, made } = await batchDir();
  const clean = await openEngine({ pipelinePath: file });
  await runToEnd(clean.engine);
  const expected = treeHashes(clean.outDir);
  const faulty = await openEngine({
    pipelinePath: file,
    faults: { chances: { error: 0.12, panic: 0.04, hang: 0.02, missing: 0.07, corrupt: 0.05 }, seed: 7 },
    settings: { backoffBaseMs: 2, maxAttempts: 30, timeoutMs: 1500 },
  });
  const summary = await runToEnd(faulty.engine);
  const dead = [...faulty.engine.graph.byId.values()].filter((n) => n.state.status === 'dead');
  assert.deepEqual(
    dead.map((n) => n.item?.relpath),
    [made[TRUNCATED]],
    summary.problems.join('\n'),
  );
  const kinds = new Set(eventRows(faulty.engine, 'error_kind IS NOT NULL').map((r) => String(r['error_kind'])));
  for (const kind of ['injected_error', 'worker_crashed', 'input_missing', 'input_corrupt']) assert.ok(kinds.has(kind), `met ${kind}: ${[...kinds]}`);
  assert.deepEqual(treeHashes(faulty.outDir), expected);
});

test('kill -9 of the engine at random moments of a batch: each run resumes, and the outputs equal the fault-free run', async () => {
  const { dir, file } = await batchDir(120, 11);
  const clean = await openEngine({ pipelinePath: file });
  await runToEnd(clean.engine);
  const expected = treeHashes(clean.outDir);
  const journal = join(dir, 'kill.db');
  const out = join(dir, 'kill-out');
  const args = ['run', file, '--journal', journal, '--out', out, '--throttle-ms', '20'];
  let kills = 0;
  let last = null;
  for (let i = 0; i < 40 && !last; i++) {
    const killAfterMs = kills < 6 ? 700 + Math.floor(seededRandom(5, `batch-kill:${i}`) * 1500) : undefined;
    const result = await runCli(args, { killAfterMs });
    if (result.signal === 'SIGKILL') kills++;
    else last = result;
  }
  assert.ok(last, 'the run never finished');
  assert.ok(kills >= 3, `only ${kills} kills landed mid-run`);
  assert.equal(last.code, 1, 'one photo is bad: exit 1');
  assert.match(last.stderr, /photos \[(.*)photo-0011\.\w+\] \(load\) is dead: .*\1photo-0011/);
  assert.match(last.stdout, /✗ bright: 119 of 120 photos in /);
  assert.deepEqual(treeHashes(out), expected);

  // inspect: one line per drawn node, a mapped one with its photos' counts; --items, each photo.
  const inspected = await runCli(['inspect', journal]);
  assert.match(inspected.stdout, /^bright +brightness +mapped +\d+ +120 photos: (?=.*119 completed)(?=.*1 blocked)/m);
  assert.doesNotMatch(inspected.stdout, /photo-0011/);
  const detailed = await runCli(['inspect', journal, '--items']);
  assert.match(detailed.stdout, /^ {2}\S*photo-0011\.\w+ +load +dead +\d+ +bad_input: /m);
});

test('same-named photos keep apart, one photo overlays every item, and two folders into one node are refused by name', async () => {
  const dir = tempDir();
  await writePhoto(join(dir, 'in', 'a.jpg'), 1, 'jpeg');
  await writePhoto(join(dir, 'in', 'a.png'), 2, 'png');
  await writePhoto(join(dir, 'in', 'b.webp'), 3, 'webp');
  await writePhoto(join(dir, 'other', 'z.png'), 4, 'png');
  await writePhoto(join(dir, 'logo.png'), 0, 'png'); // the smallest: it fits on every photo
  symlinkSync(join(dir, 'logo.png'), join(dir, 'in', 'linked.png'));
  const elsewhere = tempDir();
  await writePhoto(join(elsewhere, 'secret.png'), 6, 'png');
  symlinkSync(join(elsewhere, 'secret.png'), join(dir, 'in', 'escape.png'));
  const file = join(dir, 'p.json');
  writeJson(file, {
    name: 'pairs',
    version: 1,
    nodes: [
      { id: 'photos', op: 'folder', params: { path: 'in' } },
      { id: 'logo', op: 'load', params: { path: 'logo.png' } },
      { id: 'stamped', op: 'overlay', params: { left: 0, top: 0 }, inputs: ['photos', 'logo'] },
    ],
  });
  const { engine, outDir } = await openEngine({ pipelinePath: file });
  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'completed', summary.problems.join('\n'));
  assert.deepEqual(Object.keys(treeHashes(join(outDir, 'stamped'))), ['a.jpg.png', 'a.png.png', 'b.png', 'linked.png']);
  assert.deepEqual(summary.batch.collisions.sort(), ['a.jpg', 'a.png']);
  assert.deepEqual(summary.batch.folders[0]?.skipped, ['escape.png'], 'a link out of the allowed folders is left out; one inside is kept');
  assert.equal(engine.graph.byNodeId.get('logo')?.state.attempt, 1, 'the single photo is loaded once for every item');

  const two = join(dir, 'two.json');
  writeJson(two, {
    name: 'two folders',
    version: 1,
    nodes: [
      { id: 'left', op: 'folder', params: { path: 'in' } },
      { id: 'right', op: 'folder', params: { path: 'other' } },
      { id: 'both', op: 'overlay', params: { left: 0, top: 0 }, inputs: ['left', 'right'] },
    ],
  });
  const refused = await openEngine({ pipelinePath: two });
  await assert.rejects(refused.engine.startRun(), (e: EngineError) =>
    /node both: its inputs come from two folders \(left, right\)/.test(e.describe()),
  );
});
