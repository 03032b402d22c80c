import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { PHOTO_UPLOAD } from '../contract/index.js';
import { newToken } from '../host/request-guard.js';
import { startWsServer } from '../host/ws-server.js';
import { photosDirOf, storePhoto } from '../photos/photo-store.js';
import { openEngine, PHOTOS, ROOT, runToEnd, tempDir, writeJson } from './helpers.js';

const LIMITS = { maxBytes: 10 * 1024 * 1024, maxPixels: 50_000_000 };

/** A real photo the test makes: a gradient, so its bytes are its own. */
const madePhoto = (width: number, height: number, shade = 0): Promise<Buffer> =>
  sharp({ create: { width, height, channels: 3, background: { r: shade, g: 120, b: 200 } } })
    .png()
    .toBuffer();

/** Every file under dir, relative, hidden ones included: what a refusal must leave unchanged. */
const filesUnder = (dir: string): string[] => (existsSync(dir) ? readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort() : []);

test('a photo is stored once under its checksum, keeps its name, and loads in a run at its real size', async () => {
  const { engine, journalPath } = await openEngine();
  const bytes = await madePhoto(321, 123);
  const stored = await engine.addPhoto('my holiday.png', [bytes]);
  assert.ok(stored.ok, JSON.stringify(stored));
  const photos = photosDirOf(journalPath);
  assert.equal(stored.value.name, 'my holiday.png');
  assert.equal(stored.value.path.startsWith(photos), true, 'stored inside the photos folder beside the journal');
  assert.deepEqual([stored.value.width, stored.value.height, stored.value.format], [321, 123, 'png']);
  assert.deepEqual(readFileSync(stored.value.path), bytes, 'the bytes as sent');

  const again = await engine.addPhoto('renamed copy.png', [bytes.subarray(0, 100), bytes.subarray(100)]);
  assert.ok(again.ok);
  assert.equal(again.value.duplicate, true);
  assert.equal(again.value.path, stored.value.path, 'the same bytes are stored once, under their first name');
  assert.equal(filesUnder(photos).length, 2, 'one checksum folder holding one photo');

  const added = await engine.execute('graph.addNode', { op: 'load', id: 'mine', params: { path: stored.value.path }, position: { x: 0, y: 0 } });
  assert.ok(added.ok, JSON.stringify(added));
  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'completed');
  const view = await engine.execute('task.output', { id: 'mine' });
  assert.ok(view.ok, JSON.stringify(view));
  assert.deepEqual([view.value.width, view.value.height, view.value.format], [321, 123, 'png']);
  const shown = await sharp(Buffer.from(view.value.dataUrl.split(',')[1]!, 'base64')).metadata();
  assert.deepEqual([shown.width, shown.height], [321, 123], 'the viewer gets the real pixel size');

  const listed = await engine.execute('photos.list', { limit: 1000 });
  assert.ok(listed.ok);
  assert.ok(
    listed.value.photos.some((p) => p.path === stored.value.path),
    'the path field offers the stored photo',
  );
  assert.ok(
    listed.value.photos.some((p) => p.path === 'photos/chelsea.png'),
    "the pipeline's own photos, relative to its folder",
  );
});

test('a text file named .png, a truncated photo, a huge one and an empty one are refused by name; nothing is left behind', async () => {
  const dir = tempDir();
  const photos = join(dir, 'photos');
  const kept = await storePhoto(photos, 'kept.png', [await madePhoto(40, 30)], LIMITS);
  assert.ok(kept.ok);
  const before = filesUnder(photos);
  const jpeg = readFileSync(join(PHOTOS, 'rocket.jpg'));
  const cases: Array<[string, Uint8Array, typeof LIMITS, RegExp]> = [
    ['notes.png', Buffer.from('these are my notes, not a photo\n'), LIMITS, /^notes\.png was not added: it is not an image/],
    ['cut.jpg', jpeg.subarray(0, Math.floor(jpeg.length / 2)), LIMITS, /^cut\.jpg was not added: it is truncated or damaged/],
    [
      'wide.png',
      await madePhoto(300, 200, 9),
      { ...LIMITS, maxPixels: 50_000 },
      /^wide\.png was not added: it is 300×200 \(60000 pixels\), over the limit of 50000/,
    ],
    ['heavy.png', await madePhoto(300, 200, 7), { ...LIMITS, maxBytes: 100 }, /^heavy\.png was not added: it is larger than/],
    ['empty.png', Buffer.alloc(0), LIMITS, /^empty\.png was not added: it is empty/],
  ];
  for (const [name, bytes, limits, message] of cases) {
    const result = await storePhoto(photos, name, [bytes], limits);
    assert.equal(result.ok, false, name);
    if (result.ok) continue;
    assert.equal(result.error.kind, 'bad_photo');
    assert.match(result.error.message, message);
    assert.deepEqual(filesUnder(photos), before, `${name}: the store is unchanged, no temporary file left`);
  }
});

test('a name cannot place a photo outside the store', async () => {
  const dir = tempDir();
  const photos = join(dir, 'photos');
  for (const name of ['../../escape.png', '..\\..\\escape.png', '/etc/escape.png', '..', '\u0000.png', 'CON:<>|?.png']) {
    const result = await storePhoto(photos, name, [await madePhoto(8, 8, name.length)], LIMITS);
    assert.ok(result.ok, name);
    assert.ok(result.value.path.startsWith(photos + '/'), `${name} → ${result.value.path}`);
  }
  assert.deepEqual(readdirSync(dir).sort(), ['photos'], 'nothing written beside the store');
});

test('POST /photos takes an upload only from our own page with the token; a refused one says why', async () => {
  const { engine, journalPath } = await openEngine();
  const token = newToken();
  const server = await startWsServer({ engine, staticDir: join(ROOT, 'dist', 'renderer'), port: 0, token });
  try {
    const origin = `http://127.0.0.1:${server.port}`;
    const upload = (headers: Record<string, string>, body: Uint8Array) =>
      fetch(`${origin}${PHOTO_UPLOAD.path}`, {
        method: 'POST',
        headers: { [PHOTO_UPLOAD.nameHeader]: encodeURIComponent('café.png'), ...headers },
        body: new Uint8Array(body),
      });
    const photo = await madePhoto(64, 48);
    assert.equal((await upload({ origin: 'http://evil.example', [PHOTO_UPLOAD.tokenHeader]: token }, photo)).status, 403);
    assert.equal((await upload({ origin }, photo)).status, 401);
    assert.equal((await upload({ origin, [PHOTO_UPLOAD.tokenHeader]: 'x'.repeat(32) }, photo)).status, 401);
    assert.deepEqual(filesUnder(photosDirOf(journalPath)), [], 'nothing stored by a refused upload');

    const refused = await upload({ origin, [PHOTO_UPLOAD.tokenHeader]: token }, Buffer.from('not a photo'));
    assert.equal(refused.status, 400);
    const refusal = (await refused.json()) as { ok: boolean; error: { message: string } };
    assert.match(refusal.error.message, /^café\.png was not added: it is not an image/);

    const accepted = await upload({ origin, [PHOTO_UPLOAD.tokenHeader]: token }, photo);
    assert.equal(accepted.status, 200);
    const stored = (await accepted.json()) as { ok: true; value: { path: string; width: number; name: string } };
    assert.equal(stored.value.name, 'café.png');
    assert.equal(stored.value.width, 64);
    assert.deepEqual(readFileSync(stored.value.path), photo);
  } finally {
    await server.close();
  }
});

test('a pipeline in any folder may load a photo from the store beside its journal', async () => {
  const dir = tempDir();
  const journalPath = join(dir, 'ws', 'journal.db');
  const pipeline = join(dir, 'elsewhere', 'p.json');
  const { engine } = await openEngine({ journalPath, outDir: join(dir, 'ws', 'out'), pipelinePath: writePipeline(pipeline), allowedDirs: [PHOTOS] });
  const stored = await engine.addPhoto('a.png', [await madePhoto(20, 10)]);
  assert.ok(stored.ok);
  const updated = await engine.execute('graph.updateParams', { id: 'in', params: { path: stored.value.path } });
  assert.ok(updated.ok, JSON.stringify(updated));
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
});

function writePipeline(file: string): string {
  mkdirSync(dirname(file), { recursive: true });
  writeJson(file, { name: 'one photo', version: 1, nodes: [{ id: 'in', op: 'load', params: { path: join(PHOTOS, 'chelsea.png') } }] });
  return file;
}
