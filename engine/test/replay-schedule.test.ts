import assert from 'node:assert/strict';
import { test } from 'node:test';
import { END_HOLD_MS, MOMENT_HOLD_MS, START_HOLD_MS, scheduleFrames } from '../replay/frame-schedule.js';
import { ReplayError } from '../replay/replay-error.js';

// [seq, at, is it a mark]: a mark 100 ms in, then a 5 s idle gap before the last event.
const EVENTS: Array<[number, number, boolean]> = [
  [1, 1_000, false],
  [2, 1_100, true],
  [3, 1_350, false],
  [4, 6_350, false],
];

test('frames tick on the journal clock, hold each first mark per tick, and squeeze idle gaps', () => {
  const frames = scheduleFrames(EVENTS, { fps: 10, speed: 1, maxIdleMs: 1_000, maxFrames: 100 });
  const rows = frames.map((f) => `${f.role} ${f.seq} ${f.clockMs} ${f.delayMs}`);
  assert.deepEqual(rows, [
    `start 0 0 ${START_HOLD_MS}`,
    'run 1 0 100',
    `moment 2 100 ${MOMENT_HOLD_MS}`,
    'run 2 100 100',
    'run 2 200 100',
    'run 2 300 100',
    // The 5 s gap is cut to 1 s: ten ticks, the clock running on until the cut...
    ...[400, 500, 600, 700, 800, 900, 1000, 1100, 1200, 1300].map((clock) => `run 3 ${clock} 100`),
    // ...and then jumping to the true time of the last event.
    `end 4 5350 ${END_HOLD_MS}`,
  ]);
});

test('speed divides the run time; delays are whole centiseconds that add up without drift', () => {
  const frames = scheduleFrames(EVENTS, { fps: 8, speed: 4, maxIdleMs: 60_000, maxFrames: 1_000 });
  const ticks = frames.filter((f) => f.role === 'run');
  // 5,350 ms of run at 4x is 1,337.5 ms of video: 11 ticks of 125 ms.
  assert.equal(ticks.length, 11);
  assert.ok(ticks.every((f) => f.delayMs % 10 === 0));
  assert.equal(
    ticks.reduce((sum, f) => sum + f.delayMs, 0),
    1_380,
    'eleven 125 ms ticks, rounded once: 1,375 → 1,380',
  );
});

test('a journal that would make too many frames is refused, not rendered', () => {
  assert.throws(
    () => scheduleFrames(EVENTS, { fps: 30, speed: 0.25, maxIdleMs: 60_000, maxFrames: 50 }),
    (e: unknown) => e instanceof ReplayError && e.kind === 'too_many_frames',
  );
  assert.deepEqual(scheduleFrames([], { fps: 8, speed: 4, maxIdleMs: 1_000, maxFrames: 50 }), []);
});
