import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readdirSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import type { EngineEvent } from '../contract/index.js';
import { EngineError } from '../errors.js';
import { openEngine, runCli, tempDir } from './helpers.js';

/** A finished sample run's journal, closed cleanly (its WAL checkpointed into the file). */
async function finishedJournal(): Promise<{ dir: string; journal: string; out: string }> {
  const dir = tempDir();
  const journal = join(dir, 'j.db');
  const out = join(dir, 'out');
  const r = await runCli(['run', '--journal', journal, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  return { dir, journal, out };
}

test('a journal that fails its integrity check is refused by name before anything runs, even where open reads nothing bad', async () => {
  const { journal, out } = await finishedJournal();
  // The index that reuse looks outputs up in: a finished run's restart never reads it, so
  // only the integrity check can see that it is damaged.
  const db = new Database(journal, { readonly: true });
  const { pageno } = db.prepare(`SELECT pageno FROM dbstat WHERE name = 'events_outputs_by_key' LIMIT 1`).get() as { pageno: number };
  const pageSize = db.pragma('page_size', { simple: true }) as number;
  db.close();
  const fd = openSync(journal, 'r+');
  writeSync(fd, Buffer.alloc(pageSize, 0xab), 0, pageSize, (pageno - 1) * pageSize);
  closeSync(fd);

  const r = await runCli(['run', '--journal', journal, '--out', out]);
  assert.equal(r.code, 3, r.stdout + r.stderr);
  assert.match(r.stderr, /journal_corrupt: the journal .*j\.db fails its integrity check: move it aside/);
  assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
});

test('a journal deleted during a run is noticed: the run stops saying so, and nothing more starts', async () => {
  const { engine, journalPath } = await openEngine({ faults: { throttleMs: 400 } });
  const events: EngineEvent[] = [];
  const halted = new Promise<void>((resolve) =>
    engine.subscribe((e) => {
      events.push(e);
      if (e.kind === 'halted') resolve();
    }),
  );
  const started = new Promise<void>((resolve) =>
    engine.subscribe((e) => e.kind === 'tasks' && e.changes.some((c) => c.status === 'running') && resolve()),
  );
  await engine.startRun();
  await started;
  unlinkSync(journalPath);
  await halted;
  const summary = await engine.waitForRunEnd();
  assert.equal(summary.halted?.kind, 'journal_gone');
  assert.match(summary.halted?.message ?? '', /was deleted or replaced while the engine ran: nothing more could be recorded, so it stopped/);
  assert.match(engine.snapshot().halted ?? '', /journal_gone|was deleted/);
  await assert.rejects(engine.startRun(), (e: unknown) => e instanceof EngineError && e.kind === 'journal_gone');
});

test('inspect and replay read a journal on a read-only mount, and write nothing there', async (t) => {
  const { dir } = await finishedJournal();
  const mountPoint = join(dir, 'ro');
  mkdirSync(mountPoint);
  const bound = spawnSync('mount', ['--bind', '-o', 'ro', dir, mountPoint], { encoding: 'utf8' });
  if (bound.status !== 0) {
    t.skip(`cannot make a read-only bind mount here (needs root): ${bound.stderr.trim() || bound.error?.message}`);
    return;
  }
  try {
    spawnSync('mount', ['-o', 'remount,bind,ro', mountPoint]);
    const before = readdirSync(dir).sort();
    const inspected = await runCli(['inspect', join(mountPoint, 'j.db'), '--json']);
    assert.equal(inspected.code, 0, inspected.stderr);
    assert.match(inspected.stderr, /read-only file system: read from a copy/);
    const report = JSON.parse(inspected.stdout) as { tasks: Array<{ status: string }> };
    assert.equal(report.tasks.length, 17);
    assert.ok(report.tasks.every((task) => task.status === 'completed'));
    const gif = join(tempDir(), 'run.gif');
    const replayed = await runCli(['replay', join(mountPoint, 'j.db'), '--gif', gif]);
    assert.equal(replayed.code, 0, replayed.stderr);
    assert.deepEqual(readdirSync(dir).sort(), before, 'nothing new beside the journal');
  } finally {
    spawnSync('umount', ['-l', mountPoint]);
  }
});
