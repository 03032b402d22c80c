import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import sharp from 'sharp';
import { COMMAND_SCHEMAS, reportFacts, type TaskStatus } from '../contract/index.js';
import { runReport } from '../journal/run-report.js';
import { verifyRun } from '../verify/verify-run.js';
import { Journal } from '../journal/journal.js';
import { replayCommand } from '../replay/commands.js';
import { exportGif, SUMMARY_HOLD_MS, TITLE_HOLD_MS } from '../replay/export-gif.js';
import { frameLayout, NODE } from '../replay/frame-layout.js';
import { pacedSpeed, scheduleFrames } from '../replay/frame-schedule.js';
import { summaryCardSvg, titleCardSvg } from '../replay/render-cards.js';
import { rasterize, STATUS_COLOURS } from '../replay/render-frame.js';
import { Timeline } from '../replay/timeline.js';
import { openEngine, runCli, runToEnd, tempDir } from './helpers.js';
import { scriptedJournal } from './replay-fixtures.js';

const OPTIONS = { width: 800, fps: 20, speed: 1, maxIdleMs: 300 };

async function page(gif: Buffer, index: number): Promise<{ data: Buffer; width: number; height: number }> {
  const { data, info } = await sharp(gif, { page: index }).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

const rgb = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const distance = (a: number[], b: number[]) => Math.hypot(a[0]! - b[0]!, a[1]! - b[1]!, a[2]! - b[2]!);

/** The status colour a node's top border shows: the status colour nearest its pixels' median. */
function borderStatus(frame: { data: Buffer; width: number }, box: { x: number; y: number }, scale: number): TaskStatus {
  const y = Math.round(box.y); // the border's stroke is centred on the box's edge
  const middle = Math.round(box.x + (NODE.width * scale) / 2);
  const pixels = Array.from({ length: 21 }, (_, k) => {
    const i = (y * frame.width + middle - 10 + k) * 3;
    return [frame.data[i]!, frame.data[i + 1]!, frame.data[i + 2]!];
  });
  const median = [0, 1, 2].map((c) => pixels.map((p) => p[c]!).sort((a, b) => a - b)[10]!);
  const [status, hex] = (Object.entries(STATUS_COLOURS) as Array<[TaskStatus, string]>).reduce((best, entry) =>
    distance(median, rgb(entry[1])) < distance(median, rgb(best[1])) ? entry : best,
  );
  assert.ok(distance(median, rgb(hex)) < 30, `border ${median} is no status colour (nearest: ${status})`);
  return status;
}

test('the GIF is animated at the requested width, loops, and its delays add up to the schedule', async () => {
  const { journal } = await scriptedJournal();
  const timeline = new Timeline(journal.db);
  const progress: Array<[number, number]> = [];
  const result = await exportGif(timeline, { ...OPTIONS, onProgress: (done, total) => progress.push([done, total]) });
  const meta = await sharp(result.gif, { animated: true }).metadata();
  const speed = pacedSpeed(timeline.eventClock(), OPTIONS);
  const schedule = scheduleFrames(timeline.eventClock(), { ...OPTIONS, speed, maxFrames: 5_000 });

  assert.equal(meta.format, 'gif');
  assert.equal(meta.width, 800);
  assert.equal(meta.pageHeight, result.height);
  assert.equal(meta.pages, result.frames);
  assert.equal(meta.loop, 0, 'loops forever');
  assert.deepEqual(meta.delay?.length, result.frames);
  assert.equal(
    meta.delay!.reduce((a, b) => a + b, 0),
    result.durationMs,
  );
  const cards = TITLE_HOLD_MS + SUMMARY_HOLD_MS;
  assert.equal(result.durationMs, cards + schedule.reduce((sum, f) => sum + f.delayMs, 0), 'merging frames keeps the running time');
  // At 20 fps the 0.1 s clock moves every other tick: unchanged neighbours must have been merged.
  assert.ok(result.frames < schedule.length, `${result.frames} frames from ${schedule.length} ticks`);
  assert.deepEqual(progress.at(-1), [schedule.length + 1, schedule.length + 1]);
  assert.ok(result.gif.length < 1_000_000, `${result.gif.length} bytes`);

  let previous = await page(result.gif, 0);
  for (let i = 1; i < result.frames; i++) {
    const current = await page(result.gif, i);
    assert.ok(!current.data.equals(previous.data), `pages ${i - 1} and ${i} are identical: they should have been one`);
    previous = current;
  }
});

test('frames show each task in its status colour, and change only where a status changed', async () => {
  const { journal } = await scriptedJournal();
  const timeline = new Timeline(journal.db);
  const result = await exportGif(timeline, OPTIONS);
  const layout = frameLayout(timeline.graph, OPTIONS.width);
  const box = (id: string) => layout.boxes.get(id)!;
  // Page 0 is the title card and the last page the summary card: the graph is in between.
  const first = await page(result.gif, 1);
  const second = await page(result.gif, 2);
  const last = await page(result.gif, result.frames - 2);

  for (const id of ['a', 'b', 'c', 'd', 'e', 'f', 'g']) assert.equal(borderStatus(first, box(id), layout.scale), 'pending', `${id} at the start`);
  assert.equal(borderStatus(second, box('a'), layout.scale), 'running', 'a, first tick');
  const ends: Record<string, TaskStatus> = { a: 'completed', c: 'completed', e: 'completed', f: 'dead', g: 'blocked' };
  for (const [id, status] of Object.entries(ends)) assert.equal(borderStatus(last, box(id), layout.scale), status, `${id} at the end`);

  // Between the first two frames only a and d started: g's box is untouched, a's is not.
  const region = (frame: typeof first, id: string) =>
    sharp(frame.data, { raw: { width: frame.width, height: frame.height, channels: 3 } })
      .extract({
        left: Math.round(box(id).x),
        top: Math.round(box(id).y),
        width: Math.round(NODE.width * layout.scale),
        height: Math.round(NODE.height * layout.scale),
      })
      .raw()
      .toBuffer();
  assert.ok(!(await region(first, 'a')).equals(await region(second, 'a')), 'a changed from pending to running');
  assert.ok((await region(first, 'g')).equals(await region(second, 'g')), 'g stayed pending');
});

test('replay.exportGif returns the GIF as data; an empty journal is an error as data, not a throw', async () => {
  const { journal } = await scriptedJournal();
  const progress: number[] = [];
  const result = await replayCommand(journal.db, 'replay.exportGif', { width: 320, fps: 4, speed: 8, maxIdleMs: 1_000 }, (done) =>
    progress.push(done),
  );
  assert.ok(result.ok, JSON.stringify(!result.ok && result.error));
  const bytes = Buffer.from(result.value.dataUrl.replace(/^data:image\/gif;base64,/, ''), 'base64');
  assert.equal(bytes.length, result.value.bytes);
  assert.equal((await sharp(bytes, { animated: true }).metadata()).pages, result.value.frames);
  assert.ok(progress.length > 1 && progress.every((d, i) => i === 0 || d > progress[i - 1]!), 'progress only moves forward');

  const empty = Journal.open(join(tempDir(), 'empty.db'));
  assert.deepEqual(await replayCommand(empty.db, 'replay.exportGif', { width: 320, fps: 4, speed: 8, maxIdleMs: 1_000 }), {
    ok: false,
    error: { kind: 'not_found', message: 'nothing to replay: the journal has no events' },
  });
  const info = await replayCommand(empty.db, 'replay.info', {});
  assert.deepEqual(info, { ok: true, value: { firstSeq: 0, lastSeq: 0, startAt: 0, endAt: 0, marks: [] } });
  empty.close();
});

test('faultline replay writes the GIF and says what it made; bad input exits non-zero with the reason', async () => {
  const { journal, dir } = await scriptedJournal();
  journal.close();
  const out = join(dir, 'replay.gif');
  const ok = await runCli(['replay', journal.path, '--gif', out, '--width', '400', '--fps', '5', '--speed', '2', '--max-idle-ms', '500']);
  assert.equal(ok.code, 0, ok.stderr);
  const meta = await sharp(out, { animated: true }).metadata();
  assert.match(ok.stdout, new RegExp(`wrote .*replay\\.gif: ${meta.pages} frames, [\\d.]+ s, [\\d.]+ MB, 400×${meta.pageHeight} px`));
  assert.equal(meta.width, 400);

  const garbage = join(dir, 'not-a-journal.db');
  writeFileSync(garbage, 'this is not SQLite at all, just some text that is long enough to have a header'.repeat(20));
  // Exit 2 for bad input, 3 for a journal whose storage is damaged.
  const cases: Array<[string[], RegExp, number]> = [
    [['replay', join(dir, 'missing.db'), '--gif', join(dir, 'x.gif')], /usage: no journal at/, 2],
    [['replay', garbage, '--gif', join(dir, 'x.gif')], /journal_corrupt/, 3],
    [['replay', journal.path], /needs --gif/, 2],
    [['replay', journal.path, '--gif', join(dir, 'x.gif'), '--width', '50'], /--width must be a whole number from 200 to 1920, got "50"/, 2],
    [['replay', journal.path, '--gif', join(dir, 'x.gif'), '--max-idle-ms', 'soon'], /--max-idle-ms must be a whole number/, 2],
  ];
  for (const [args, message, code] of cases) {
    const failed = await runCli(args);
    assert.equal(failed.code, code, `${args.join(' ')}: ${failed.stderr}`);
    assert.match(failed.stderr, message);
  }
  assert.equal(existsSync(join(dir, 'x.gif')), false);
});

/** Mean difference per channel between two frames of one size (0: the same picture). */
function meanDifference(a: { data: Buffer }, b: { data: Buffer }): number {
  let sum = 0;
  for (let i = 0; i < a.data.length; i++) sum += Math.abs(a.data[i]! - b.data[i]!);
  return sum / a.data.length;
}

const decode = async (png: Buffer) => {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
};

test('a one-second run under faults gives a GIF worth watching: a title naming the faults, enough frames, the verdict last; the UI and the CLI make the same file', async () => {
  const { engine, journalPath } = await openEngine({
    faults: { seed: 12, chances: { error: 0.3 } },
    settings: { maxAttempts: 20, backoffBaseMs: 5, backoffMaxMs: 20 },
  });
  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'completed');
  assert.ok(summary.run!.endedAt! - summary.run!.startedAt < 3_000, 'a short run');
  await verifyRun(engine);

  const options = COMMAND_SCHEMAS['replay.exportGif'].parse({});
  const fromUi = await replayCommand(engine.journal.db, 'replay.exportGif', options);
  assert.ok(fromUi.ok);
  const gif = Buffer.from(fromUi.value.dataUrl.replace(/^data:image\/gif;base64,/, ''), 'base64');
  assert.ok(fromUi.value.frames >= 10, `${fromUi.value.frames} frames`);

  const timeline = new Timeline(engine.journal.db);
  const layout = frameLayout(timeline.graph, options.width);
  const title = await decode(
    await rasterize(titleCardSvg(layout, { pipeline: timeline.graph.name, tasks: 17, faults: 'faults: error 30% · seed 12' })),
  );
  const report = runReport(engine.journal.db, summary.run!.id)!;
  assert.equal(report.verification?.identical, 3);
  const verdict = await decode(await rasterize(summaryCardSvg(layout, reportFacts(report), true)));
  const pages = await Promise.all([0, 1, fromUi.value.frames - 1].map((i) => page(gif, i)));
  assert.ok(meanDifference(pages[0]!, title) < 2, 'the first frame is the title card naming the faults');
  assert.ok(meanDifference(pages[1]!, title) > 10, 'and the graph follows it');
  assert.ok(meanDifference(pages[2]!, verdict) < 2, 'the last frame is the summary with the verdict');

  const file = join(tempDir(), 'cli.gif');
  const cli = await runCli(['replay', journalPath, '--gif', file]);
  assert.equal(cli.code, 0, cli.stderr);
  assert.ok(readFileSync(file).equals(gif), 'the CLI and the UI give the same bytes');
});
