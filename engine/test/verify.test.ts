import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, unlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { runReport, latestVerification } from '../journal/run-report.js';
import { verifyRun, VerifyCancelled } from '../verify/verify-run.js';
import { openEngine, runCli, runToEnd, tempDir } from './helpers.js';

/** Tasks the journal shows running right now (0 before it exists). */
function tasksRunning(journal: string): number {
  if (!existsSync(journal)) return 0;
  try {
    const db = new Database(journal, { readonly: true });
    try {
      return (db.prepare(`SELECT count(*) AS n FROM task_state WHERE status = 'running'`).get() as { n: number }).n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // being created or migrated
  }
}

// 30% of attempts meet a fault, of every kind a worker run can meet.
const MIXED = { error: 0.08, panic: 0.05, hang: 0.05, missing: 0.06, corrupt: 0.06, crash: 0 };

test('verify after a run under 30% mixed faults: every sink identical, the verdict journaled, the summary names what happened', async () => {
  const { engine, outDir } = await openEngine({
    faults: { seed: 12, chances: MIXED },
    settings: { timeoutMs: 3_000, maxAttempts: 10, backoffBaseMs: 5, backoffMaxMs: 50 },
  });
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
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
  const args = ['run', '--journal', journal, '--out', out, '--throttle-ms', '150'];
  let kills = 0;
  for (let i = 0; i < 40; i++) {
    const r = await runCli(args, { killWhen: kills < 4 ? () => tasksRunning(journal) > 0 : undefined });
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
  await runCli(['run', '--journal', unfinished, '--out', join(dir, 'out2'), '--throttle-ms', '300'], {
    killWhen: () => tasksRunning(unfinished) > 0,
  });
  const refused = await runCli(['verify', unfinished]);
  assert.equal(refused.code, 2, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /run_unfinished: run 1 is running: only a completed run can be verified/);
});

test('a verification cancelled halfway resumes where it stopped and completes', async () => {
  const { engine, outDir } = await openEngine();
  await runToEnd(engine);
  const stop = new AbortController();
  const cancelled = verifyRun(engine, { signal: stop.signal, onProgress: (done) => done >= 5 && stop.abort() });
  await assert.rejects(cancelled, VerifyCancelled);
  assert.ok(existsSync(join(outDir, '.verify', 'run-1', 'journal.db')), 'the work done before the cancel is kept');
  const resumed: number[] = [];
  const view = await verifyRun(engine, { onProgress: (done) => resumed.push(done) });
  assert.ok(resumed[0]! >= 5, `the second verification starts from the first one's ${resumed[0]} tasks`);
  assert.deepEqual([view.identical, view.total], [3, 3]);
});

test('an output that differs from the fault-free run is loud: DIFFERENT with both checksums, exit 1, and a map of where', async () => {
  const first = await openEngine();
  await runToEnd(first.engine);
  await first.engine.close();
  // Stand in for an engine bug: the run "wrote" other bytes for postcard and journaled their checksum.
  const exported = join(first.outDir, 'postcard.png');
  const wrong = await sharp(readFileSync(exported)).flop().png().toBuffer();
  unlinkSync(exported);
  writeFileSync(exported, wrong);
  const db = new Database(first.journalPath);
  const checksum = createHash('sha256').update(wrong).digest('hex');
  db.prepare(`UPDATE task_state SET checksum = ? WHERE task_id = (SELECT id FROM tasks WHERE node_id = 'postcard')`).run(checksum);
  db.close();

  const r = await runCli(['verify', first.journalPath]);
  assert.equal(r.code, 1, r.stdout + r.stderr);
  assert.match(r.stdout, new RegExp(`✗ postcard: DIFFERENT: the run wrote ${checksum.slice(0, 12)}…, a fault-free run gives [0-9a-f]{12}…`));
  assert.match(r.stdout, /2 of 3 outputs byte-identical/);

  const again = await openEngine({ journalPath: first.journalPath, outDir: first.outDir });
  const diff = await again.engine.execute('run.verifyDiff', { id: 'postcard', size: 320 });
  assert.ok(diff.ok, JSON.stringify(!diff.ok && diff.error));
  assert.ok(diff.value.differingPixels > 0 && diff.value.differingPixels < diff.value.pixels);
  assert.match(diff.value.diff, /^data:image\/png;base64,/);
});

test('a verification gives way to a live run: a run started meanwhile cancels it, saying why', async () => {
  const { engine } = await openEngine();
  await runToEnd(engine);
  let started: Promise<unknown> | null = null;
  const verifying = verifyRun(engine, {
    onProgress: () => {
      started ??= engine.startRun();
    },
  });
  await assert.rejects(
    verifying,
    (e: unknown) => e instanceof VerifyCancelled && /a new run started: the verification gave way to it/.test(e.message),
  );
  await started;
  assert.equal((await engine.waitForRunEnd()).run?.status, 'completed');
  assert.equal(latestVerification(engine.journal.db, 1), null, 'no verdict was recorded for the run it left');
});
