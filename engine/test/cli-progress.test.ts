import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Progress } from '../cli/progress.js';
import { RETRIED_ERRORS, runCli, tempDir } from './helpers.js';

/** A Progress writing into a string, on a clock the test moves. */
function recorded(tty: boolean, options: { maxNotes?: number } = {}) {
  let written = '';
  let now = 0;
  const progress = new Progress({ out: { write: (chunk) => (written += chunk) }, tty, now: () => now, ...options });
  return { progress, at: (ms: number) => (now = ms), written: () => written };
}

test('piped: plain lines at most every 3 s, notes up to the cap, and the final state as the last line', () => {
  const { progress, at, written } = recorded(false, { maxNotes: 2 });
  for (let ms = 0; ms <= 10_000; ms += 100) {
    at(ms);
    progress.update(ms / 100, 100, `${ms / 100}/100 done`);
  }
  for (const n of [1, 2, 3, 4]) progress.note(`fault ${n}`);
  at(10_100);
  progress.update(100, 100, 'all 100 done');
  progress.finish();
  assert.deepEqual(written().split('\n'), [
    '[   0.0 s] 0/100 done',
    '[   3.0 s] 30/100 done',
    '[   6.0 s] 60/100 done',
    '[   9.0 s] 90/100 done',
    '[  10.0 s] fault 1',
    '[  10.0 s] fault 2',
    '[  10.0 s] (further lines omitted)',
    '[  10.1 s] all 100 done',
    '',
  ]);
  assert.ok(!written().includes('\r') && !written().includes('\u001b'), 'no terminal control codes in a log');
});

test('piped: the final state is not printed twice when it was the last line already', () => {
  const { progress, written } = recorded(false);
  progress.update(1, 1, 'done');
  progress.finish();
  assert.equal(written(), '[   0.0 s] done\n');
});

test('on a terminal: one line redrawn in place with a bar, notes above it, a newline at the end', () => {
  const { progress, at, written } = recorded(true);
  progress.update(0, 4, 'starting');
  at(50);
  progress.update(1, 4, 'skipped: within 100 ms of the last draw');
  at(200);
  progress.update(2, 4, 'half');
  progress.note('a fault');
  at(300);
  progress.update(4, 4, 'all done');
  progress.finish();
  const draws = written().split('\r\x1b[2K').filter(Boolean);
  assert.deepEqual(draws, [
    `${'░'.repeat(24)} starting [   0.0 s]`,
    `${'█'.repeat(12)}${'░'.repeat(12)} half [   0.2 s]`,
    '[   0.2 s] a fault\n',
    `${'█'.repeat(12)}${'░'.repeat(12)} half [   0.2 s]`,
    `${'█'.repeat(24)} all done [   0.3 s]`,
    `${'█'.repeat(24)} all done [   0.3 s]\n`,
  ]);
});

const PROGRESS_LINE =
  /^\[ *([\d.]+) s\] (\d+)\/17 completed · running \d+ · failed \d+ · dead \d+ · blocked \d+ · retries \d+ · recoveries \d+ · [\d.]+\/s$/;

test('faultline run, replay and verify, piped: plain progress lines on stderr, a modest number, the final state last', async () => {
  const dir = tempDir();
  const journal = join(dir, 'j.db');
  const run = await runCli(['run', '--journal', journal, '--out', join(dir, 'out'), ...RETRIED_ERRORS]);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  const lines = run.stderr.trimEnd().split('\n');
  const progress = lines.map((l) => PROGRESS_LINE.exec(l)).filter((m) => m !== null);
  assert.ok(progress.length >= 2, `a first and a final progress line:\n${run.stderr}`);
  const last = PROGRESS_LINE.exec(lines.at(-1)!);
  assert.ok(last, `the last line is the final state:\n${run.stderr}`);
  assert.equal(last[2], '17', 'every task completed');
  assert.match(last[0], /retries [1-9]/, 'the retries the faults caused');
  const seconds = Number(last[1]);
  assert.ok(progress.length <= 2 + seconds / 3, `${progress.length} progress lines in ${seconds} s: one every 3 s at most`);
  assert.match(run.stderr, /^\[ *[\d.]+ s\] \S+ failed: injected_error /m, 'a note for each fault');
  assert.ok(!run.stderr.includes('\r') && !run.stderr.includes('\u001b'), 'no terminal control codes when piped');
  assert.doesNotMatch(run.stdout, /completed · running/, 'stdout holds the result, not the progress');

  const replay = await runCli(['replay', journal, '--gif', join(dir, 'r.gif'), '--width', '200', '--fps', '2']);
  assert.equal(replay.code, 0, replay.stderr);
  assert.match(replay.stderr, /^\[ *[\d.]+ s\] rendering frame 1\/\d+$/m);
  assert.match(replay.stderr.trimEnd().split('\n').at(-1)!, /^\[ *[\d.]+ s\] encoded the GIF$/);

  const verify = await runCli(['verify', journal, '--json']);
  assert.equal(verify.code, 0, verify.stderr);
  assert.match(verify.stderr.trimEnd().split('\n').at(-1)!, /^\[ *[\d.]+ s\] verifying: 17\/17 tasks recomputed with no faults$/);
  assert.doesNotThrow(() => JSON.parse(verify.stdout), 'progress on stderr keeps --json parseable');
});
