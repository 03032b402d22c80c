import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, renameSync, statfsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import type { EngineEvent } from '../contract/index.js';
import { isCutShort } from '../ops/cut-short.js';
import { SinkExporter } from '../scheduler/sink-exporter.js';
import { openEngine, PHOTOS, pipelineDir, runCli, tempDir } from './helpers.js';

/** Three frames of 40×30, each a flat colour: red, green, blue. */
async function threeFrames(format: 'gif' | 'tiff'): Promise<Buffer> {
  const [width, height] = [40, 30];
  const pixels = Buffer.alloc(width * height * 3 * 3);
  for (let frame = 0; frame < 3; frame++) {
    for (let i = 0; i < width * height; i++) pixels[(frame * width * height + i) * 3 + frame] = 255;
  }
  const image = sharp(pixels, { raw: { width, height: height * 3, channels: 3, pageHeight: height } });
  return format === 'gif' ? image.gif().toBuffer() : image.tiff().toBuffer();
}

test('an animated GIF or a multipage TIFF says its first frame is used, in the CLI and at the node; the run uses that frame', async () => {
  const { dir, file } = pipelineDir({
    name: 'frames',
    nodes: [
      { id: 'anim', op: 'load', params: { path: 'photos/anim.gif' } },
      { id: 'anim-out', op: 'brightness', params: { factor: 1 }, inputs: ['anim'] },
      { id: 'pages', op: 'load', params: { path: 'photos/pages.tiff' } },
      { id: 'pages-out', op: 'brightness', params: { factor: 1 }, inputs: ['pages'] },
    ],
  });
  writeFileSync(join(dir, 'photos', 'anim.gif'), await threeFrames('gif'));
  writeFileSync(join(dir, 'photos', 'pages.tiff'), await threeFrames('tiff'));

  const r = await runCli(['run', file, '--journal', join(dir, 'j.db'), '--out', join(dir, 'out')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  assert.match(r.stderr, /note: node anim: photos\/anim\.gif has 3 frames: only the first is used/);
  assert.match(r.stderr, /note: node pages: photos\/pages\.tiff has 3 pages: only the first is used/);
  for (const sink of ['anim-out', 'pages-out']) {
    const { data, info } = await sharp(readFileSync(join(dir, 'out', `${sink}.png`)))
      .raw()
      .toBuffer({ resolveWithObject: true });
    assert.deepEqual([info.width, info.height], [40, 30], `${sink} is one frame`);
    assert.ok(data[0]! > 200 && data[1]! < 50 && data[2]! < 50, `${sink} is the first (red) frame`);
  }

  // The canvas hears it as a note, not a problem: the node still runs.
  const { engine } = await openEngine({ pipelinePath: file });
  const heard = new Promise<Extract<EngineEvent, { kind: 'problems' }>>((resolve) => engine.subscribe((e) => e.kind === 'problems' && resolve(e)));
  const event = await heard;
  assert.deepEqual(event.problems, {});
  assert.match(event.notes['anim'] ?? '', /3 frames: only the first is used/);
  assert.match(engine.snapshot().tasks.find((t) => t.id === 'pages')?.note ?? '', /3 pages/);
  assert.equal(engine.snapshot().tasks.find((t) => t.id === 'pages')?.problem, null);
});

test("grayscale keeps alpha and three channels: grey pixels, the photo's own transparency", async () => {
  const { dir, file } = pipelineDir({
    name: 'alpha',
    nodes: [
      { id: 'glass', op: 'load', params: { path: 'photos/glass.png' } },
      { id: 'grey', op: 'grayscale', inputs: ['glass'] },
    ],
  });
  const [width, height] = [16, 8];
  const rgba = Buffer.alloc(width * height * 4);
  for (let i = 0; i < width * height; i++) rgba.set([200, 40, 90, (i * 2) % 256], i * 4);
  await sharp(rgba, { raw: { width, height, channels: 4 } })
    .png()
    .toFile(join(dir, 'photos', 'glass.png'));

  const r = await runCli(['run', file, '--journal', join(dir, 'j.db'), '--out', join(dir, 'out')]);
  assert.equal(r.code, 0, r.stdout + r.stderr);
  const { data, info } = await sharp(readFileSync(join(dir, 'out', 'grey.png')))
    .raw()
    .toBuffer({ resolveWithObject: true });
  assert.equal(info.channels, 4, 'alpha kept');
  for (let i = 0; i < width * height; i++) {
    const [red, green, blue, alpha] = data.subarray(i * 4, i * 4 + 4);
    assert.ok(red === green && green === blue, `pixel ${i} is grey`);
    assert.equal(alpha, (i * 2) % 256, `pixel ${i} keeps its alpha`);
  }
});

// ext4 allows 65,000 links to one file; other file systems have other limits, or none.
const EXT4_MAGIC = 0xef53;
const onExt4 = statfsSync(tempDir()).type === EXT4_MAGIC;

test(
  'more identical sinks than a file may have links: every export is right, and the copies are few',
  { skip: onExt4 ? false : 'needs ext4 for its 65,000-link limit: the temp folder is on another file system' },
  () => {
    const dir = tempDir();
    const object = join(dir, 'object.png');
    writeFileSync(object, 'the same output, many times');
    const checksum = createHash('sha256').update(readFileSync(object)).digest('hex');
    const exporter = new SinkExporter(dir, false);
    const sinks = 65_010;
    for (let i = 0; i < sinks; i++) assert.equal(exporter.exportSink(`s${i}`, object, checksum, true), null);
    const inodes = new Set<number>();
    for (const i of [0, 64_998, 64_999, 65_000, sinks - 1]) {
      const path = join(dir, `s${i}.png`);
      assert.equal(readFileSync(path, 'utf8'), 'the same output, many times');
      inodes.add(statSync(path).ino);
    }
    assert.equal(inodes.size, 2, 'one copy once the object ran out of links, and the rest linked to it');
    assert.ok(statSync(object).nlink <= 65_000);
    // A person replaces the export the copy was made for: later exports still get the output.
    const replaced = join(dir, 's64999.png'); // the export the copy was made as
    writeFileSync(`${replaced}.new`, 'my own picture');
    renameSync(`${replaced}.new`, replaced);
    assert.equal(exporter.exportSink('one-more', object, checksum, true), null);
    assert.equal(readFileSync(join(dir, 'one-more.png'), 'utf8'), 'the same output, many times');
  },
);

test('a photo cut short is told apart by its own structure in every format, whatever libvips says; a whole one never is', async () => {
  // Real photos (a camera JPEG, PNGs) and noisy pixels in every format: data where 0x3B, 'IEND'
  // and 0xFFD9 can turn up by chance, not a flat colour that compresses to nothing.
  const noise = Buffer.alloc(320 * 240 * 3);
  for (let i = 0; i < noise.length; i++) noise[i] = (i * 2654435761) >>> 24;
  const noisy = sharp(noise, { raw: { width: 320, height: 240, channels: 3 } });
  const files: Array<[string, Buffer]> = [
    ...['rocket.jpg', 'chelsea.png', 'coffee.png'].map((name): [string, Buffer] => [name, readFileSync(join(PHOTOS, name))]),
    ...(await Promise.all(
      (['png', 'jpeg', 'webp', 'gif'] as const).map(async (f): Promise<[string, Buffer]> => [
        `noise.${f}`,
        await noisy.clone().toFormat(f).toBuffer(),
      ]),
    )),
  ];
  // A JPEG carrying a whole thumbnail (its own end marker included) in an APP1 segment before the
  // main image, as a camera's EXIF does.
  const thumbnail = await noisy.clone().resize(40).jpeg().toBuffer();
  const main = await noisy.clone().jpeg().toBuffer();
  const app1 = Buffer.alloc(4);
  app1.writeUInt16BE(0xffe1, 0);
  app1.writeUInt16BE(thumbnail.length + 2, 2);
  const withThumb = Buffer.concat([main.subarray(0, 2), app1, thumbnail, main.subarray(2)]);
  assert.equal((await sharp(withThumb).metadata()).width, 320, 'the main image is what decodes');
  files.push(['thumbnail-in-app1.jpg', withThumb]);
  for (const [name, whole] of files) {
    assert.equal(isCutShort(whole), false, `${name} whole`);
    assert.equal(isCutShort(Buffer.concat([whole, Buffer.from('trailing data')])), false, `${name} with data after its end`);
    for (const share of [0.005, 0.25, 0.5, 0.9, 0.99])
      assert.equal(isCutShort(whole.subarray(0, Math.floor(whole.length * share))), true, `${name} cut at ${share}`);
  }
  assert.equal(isCutShort(Buffer.from('not an image at all')), false, 'a text file is not "truncated"');
});
