import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { eventRows, faultFreeSampleOutputs, openEngine, outputHashes, pipelineDir, runToEnd, SAMPLE } from './helpers.js';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');
const sample = () => JSON.parse(readFileSync(SAMPLE, 'utf8'));

test("a load's output is its photo, named by the photo's checksum: no decoded copy is written", async () => {
  const { dir, file } = pipelineDir(sample());
  const { engine, outDir } = await openEngine({ pipelinePath: file });
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
  const cat = engine.graph.byNodeId.get('cat')!.state;
  assert.equal(cat.outputPath, join(dir, 'photos', 'chelsea.png'));
  assert.equal(cat.checksum, sha256(readFileSync(join(dir, 'photos', 'chelsea.png'))));
  // 13 stored outputs (9 intermediates as raw pixels, 4 sinks as PNG), none for the 4 loads.
  const objects = readdirSync(join(outDir, '.objects'));
  assert.equal(objects.length, 13, objects.join(' '));
  assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
});

test('a photo changed between runs re-runs its load and what depends on it, and nothing else', async () => {
  const { dir, file } = pipelineDir(sample());
  const { engine, outDir } = await openEngine({ pipelinePath: file });
  await runToEnd(engine);
  const coffee = join(dir, 'photos', 'coffee.png');
  const loadedAt = statSync(coffee).mtimeMs;
  await sharp(readFileSync(coffee)).flop().png().toFile(coffee);
  assert.notEqual(statSync(coffee).mtimeMs, loadedAt);
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
  const reran = eventRows(engine, `e.run_id = 2 AND e.status = 'running'`)
    .map((r) => r.nodeId)
    .sort();
  assert.deepEqual(reran, ['coffee', 'coffee-blur', 'coffee-small', 'postcard', 'poster']);
  const now = outputHashes(outDir);
  const before = await faultFreeSampleOutputs();
  assert.notEqual(now['postcard.png'], before['postcard.png'], 'the postcard shows the flipped coffee');
  assert.equal(now['launch.png'], before['launch.png']);
  assert.equal(now['cat-portrait.png'], before['cat-portrait.png']);
});

test('a photo touched but not changed re-runs only its load, under the same key, and everything below is reused', async () => {
  const { dir, file } = pipelineDir(sample());
  const { engine } = await openEngine({ pipelinePath: file });
  await runToEnd(engine);
  const keyBefore = engine.graph.byNodeId.get('coffee')!.state.contentKey;
  assert.ok(keyBefore, 'a completed load has a content key');
  const later = new Date(Date.now() + 60_000);
  utimesSync(join(dir, 'photos', 'coffee.png'), later, later);
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
  assert.deepEqual(
    eventRows(engine, `e.run_id = 2 AND e.status = 'running'`).map((r) => r.nodeId),
    ['coffee'],
  );
  assert.equal(engine.graph.byNodeId.get('coffee')!.state.contentKey, keyBefore);
  const reused = eventRows(engine, `e.run_id = 2 AND e.status = 'completed' AND e.message LIKE 'reused%'`)
    .map((r) => r.nodeId)
    .sort();
  assert.deepEqual(reused, ['coffee-blur', 'coffee-small', 'postcard', 'poster']);
});

test("a load that is itself a sink is exported as a PNG of the photo's pixels", async () => {
  const { dir, file } = pipelineDir({ name: 'just a photo', nodes: [{ id: 'only', op: 'load', params: { path: 'photos/rocket.jpg' } }] });
  const { engine, outDir } = await openEngine({ pipelinePath: file });
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
  const exported = await sharp(join(outDir, 'only.png')).raw().toBuffer();
  const photo = await sharp(join(dir, 'photos', 'rocket.jpg'))
    .rotate()
    .toColourspace('srgb')
    .raw()
    .toBuffer();
  assert.ok(exported.equals(photo), 'same pixels as the photo');
});

test("the missing and corrupt faults never touch a person's photo", async () => {
  const { dir, file } = pipelineDir(sample());
  const photos = Object.fromEntries(readdirSync(join(dir, 'photos')).map((f) => [f, sha256(readFileSync(join(dir, 'photos', f)))]));
  const { engine, outDir } = await openEngine({
    pipelinePath: file,
    faults: { seed: 5, chances: { error: 0, panic: 0, hang: 0, missing: 0.5, corrupt: 0.5, crash: 0 } },
    settings: { backoffBaseMs: 5, maxAttempts: 20 },
  });
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
  const kinds = engine.journal.errorKindCounts();
  assert.ok((kinds.input_missing ?? 0) + (kinds.input_corrupt ?? 0) > 0, 'the faults did act on stored outputs');
  for (const [name, hash] of Object.entries(photos)) {
    assert.ok(existsSync(join(dir, 'photos', name)), `${name} still there`);
    assert.equal(sha256(readFileSync(join(dir, 'photos', name))), hash, `${name} unchanged`);
  }
  assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
});
