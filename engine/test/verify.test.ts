import assert from 'node:assert/strict';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { runReport, latestVerification } from '../journal/run-report.js';
import { verifyRun, VerifyCancelled } from '../verify/verify-run.js';
import { openEngine, runCli, tempDir } from './helpers.js';

// 30% of attempts meet a fault, of every kind a worker run can meet.
const MIXED = { error: 0.08, panic: 0.05, hang: 0.05, missing: 0.06, corrupt: 0.06, crash: 0 };

test('verify after a run under 30% mixed faults: every sink identical, the verdict journaled, the summary names what happened', async () => {
  const { engine, outDir } = await openEngine({
    faults: { seed: 12, chances: MIXED },
    settings: { timeoutMs: 3_000, maxAttempts: 10, backoffBaseMs: 5, backoffMaxMs: 50 },
  });
  await engine.startRun();
  assert.equal((await engine.waitForRunEnd()).run?.status, 'completed');
  const progress: number[] = [];
  const view = await verifyRun(engine, { onProgress: (done) => progress.push(done) });
  assert.deepEqual([view.identical, view.total], [3, 3]);
  assert.ok(view.sinks.every((s) => s.identical && s.exported === 'ok' && s.expected?.length === 64));
  assert.equal(progress.at(-1), 17, 'progress reaches every task of the recomputation');
  assert.deepEqual(latestVerification(engine.journal.db, view.runId), view, 'the verdict is in the journal');
  assert.ok(!existsSync(join(outDir, '.verify')), 'the recomputation is removed once it has given its verdict');

  const report = runReport(engine.journal.db, view.runId)!;
  const failed = Object.values(report.failures).reduce((a, b) => a + b, 0);
  assert.ok(failed > 0, 'faults were met');
  assert.equal(report.recoveries.retries + report.recoveries.revertedParents > 0, true);
  assert.equal(report.verification?.identical, 3);
});

test('verify after kill -9s passes; a damaged export makes it exit 1 naming the sink; bad input exits 2', async () => {
  const dir = tempDir();
  const journal = join(dir, 'j.db');
  const out = join(dir, 'out');
  const args = ['run', '--journal', journal, '--out', out, '--throttle', '150'];
  let kills = 0;
  for (let i = 0; i < 40; i++) {
    const r = await runCli(args, { killAfterMs: kills < 4 ? 400 : undefined });
    if (r.signal === 'SIGKILL') kills++;
    else {
      assert.equal(r.code, 0, r.stderr);
      break;
    }
  }
  assert.ok(kills >= 1, 'the engine was killed mid-run');

  const passed = await runCli(['verify', journal]);
  assert.equal(passed.code, 0, passed.stdout + passed.stderr);
  assert.match(passed.stdout, /✓ postcard: identical \(sha256 [0-9a-f]{12}…\)/);
  assert.match(passed.stdout, /3 of 3 outputs byte-identical to a fault-free run/);
  assert.match(passed.stdout, /[1-9]\d* interruptions? resumed/);

  writeFileSync(join(out, 'postcard.png'), 'not the postcard');
  const damaged = await runCli(['verify', journal]);
  assert.equal(damaged.code, 1, damaged.stdout + damaged.stderr);
  assert.match(damaged.stdout, /✗ postcard: identical \([0-9a-f]{12}…\), but its export OUT\/postcard\.png is damaged/);
  assert.match(damaged.stdout, /2 of 3 outputs byte-identical/);

  const none = await runCli(['verify', join(dir, 'nowhere.db')]);
  assert.equal(none.code, 2);
  assert.match(none.stderr, /no journal at .*nowhere\.db/);
  const unfinished = join(dir, 'fresh.db');
  await runCli(['run', '--journal', unfinished, '--out', join(dir, 'out2'), '--throttle', '300'], { killAfterMs: 600 });
  const refused = await runCli(['verify', unfinished]);
  assert.equal(refused.code, 2, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /run_unfinished: run 1 is running: only a completed run can be verified/);
});

test('a verification cancelled halfway resumes where it stopped and completes', async () => {
  const { engine, outDir } = await openEngine();
  await engine.startRun();
  await engine.waitForRunEnd();
  const stop = new AbortController();
  const cancelled = verifyRun(engine, { signal: stop.signal, onProgress: (done) => done >= 5 && stop.abort() });
  await assert.rejects(cancelled, VerifyCancelled);
  assert.ok(existsSync(join(outDir, '.verify', 'run-1', 'journal.db')), 'the work done before the cancel is kept');
  const resumed: number[] = [];
  const view = await verifyRun(engine, { onProgress: (done) => resumed.push(done) });
  assert.ok(resumed[0]! >= 5, `the second verification starts from the first one's ${resumed[0]} tasks`);
  assert.deepEqual([view.identical, view.total], [3, 3]);
});
