import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { Journal } from '../journal/journal.js';
import { loadMigrations, migrate } from '../journal/migrate.js';
import { projectionMismatches, rebuildProjection } from '../journal/projection.js';
import { faultFreeSampleOutputs, openEngine, outputHashes, pipelineDir, RETRIED_ERRORS, runCli, runToEnd, SAMPLE, tempDir } from './helpers.js';

test('migrating twice is harmless: the second pass applies nothing and keeps every row', () => {
  const dir = tempDir();
  const journal = Journal.open(join(dir, 'j.db'));
  const pipelineId = journal.createPipeline('p', dir);
  const taskId = journal.upsertTask(pipelineId, 'a', 'noop', {}, null, null);
  journal.append([{ runId: null, taskId, status: 'pending', attempt: 0 }]);
  const again = migrate(journal.db);
  assert.deepEqual(again.applied, []);
  assert.equal(journal.lastSeq(), 1);
  const versions = journal.db.prepare('SELECT version FROM schema_migrations ORDER BY version').all() as Array<{ version: number }>;
  assert.deepEqual(
    versions.map((v) => v.version),
    loadMigrations().map((m) => m.version),
  );
  journal.close();
  const reopened = Journal.open(join(dir, 'j.db'));
  assert.equal(reopened.lastSeq(), 1);
  reopened.close();
});

test("a task's inputs come back in slot order, not id order, with none for a task without inputs", () => {
  const dir = tempDir();
  const journal = Journal.open(join(dir, 'j.db'));
  const pipelineId = journal.createPipeline('p', dir);
  const [a, b, c, join3] = ['a', 'b', 'c', 'join'].map((id) => journal.upsertTask(pipelineId, id, 'noop', {}, null, null));
  journal.setInputs(join3!, [c!, a!, b!]);
  const byId = new Map(journal.tasks(pipelineId).map((t) => [t.id, t]));
  assert.deepEqual(byId.get(join3!)!.inputs, [c, a, b]);
  assert.deepEqual(byId.get(a!)!.inputs, []);
  journal.close();
});

test('a migration that fails leaves the journal as it was (each runs in a transaction)', () => {
  const db = new Database(':memory:');
  const broken = [
    { version: 1, name: '0001_ok.sql', sql: 'CREATE TABLE a (x);', breaking: true },
    { version: 2, name: '0002_broken.sql', sql: 'CREATE TABLE b (y); INSERT INTO nowhere VALUES (1);', breaking: true },
  ];
  assert.throws(() => migrate(db, broken), /no such table: nowhere/);
  const tables = (db.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as Array<{ name: string }>).map(
    (t) => t.name,
  );
  assert.deepEqual(tables, ['a', 'schema_migrations']);
  assert.deepEqual(db.prepare('SELECT version FROM schema_migrations').all(), [{ version: 1 }]);
});

test('the projection equals a rebuild from the events after a run with faults, and a damaged projection is detected', async () => {
  const { engine } = await openEngine({
    faults: { seed: 4, chances: { error: 0.2, missing: 0.1, panic: 0, hang: 0, corrupt: 0.1, crash: 0 } },
    settings: { backoffBaseMs: 5, maxAttempts: 10 },
  });
  await runToEnd(engine);
  const db = engine.journal.db;
  assert.equal(projectionMismatches(db), 0);
  db.prepare(`UPDATE task_state SET status = 'dead' WHERE task_id = (SELECT min(task_id) FROM task_state)`).run();
  assert.equal(projectionMismatches(db), 2, 'one row differs each way');
  rebuildProjection(db);
  assert.equal(projectionMismatches(db), 0);
});

test('events are append-only: a run only ever adds rows, never changes one', async () => {
  const { engine } = await openEngine({
    faults: { seed: 2, chances: { error: 0.3, panic: 0, hang: 0, missing: 0, corrupt: 0, crash: 0 } },
    settings: { backoffBaseMs: 5, maxAttempts: 10 },
  });
  const seen = new Map<number, string>();
  engine.subscribe((e) => {
    if (e.kind !== 'tasks') return;
    for (const row of engine.journal.db.prepare('SELECT * FROM events').all() as Array<{ seq: number }>) {
      const text = JSON.stringify(row);
      const before = seen.get(row.seq);
      if (before !== undefined) assert.equal(text, before, `event ${row.seq} changed`);
      seen.set(row.seq, text);
    }
  });
  await runToEnd(engine);
  assert.ok(seen.size > 34);
});

test('an unchanged node never recomputes: rerunning an edited pipeline re-runs only the edit and what is downstream', async () => {
  const { dir, file } = pipelineDir(JSON.parse(readFileSync(SAMPLE, 'utf8')));
  const journal = join(dir, 'j.db');
  const args = ['run', file, '--journal', journal, '--out', join(dir, 'out')];
  assert.equal((await runCli(args)).code, 0);
  const edited = JSON.parse(readFileSync(file, 'utf8'));
  edited.nodes.find((n: { id: string }) => n.id === 'coffee-blur').params.sigma = 6;
  writeFileSync(file, JSON.stringify(edited));
  const second = await runCli(args);
  assert.equal(second.code, 0, second.stderr);
  const j = Journal.open(journal);
  const reran = (
    j.db
      .prepare(
        `SELECT DISTINCT t.node_id AS id FROM events e JOIN tasks t ON t.id = e.task_id WHERE e.run_id = 2 AND e.status = 'running' ORDER BY t.node_id`,
      )
      .all() as Array<{ id: string }>
  ).map((r) => r.id);
  j.close();
  assert.deepEqual(reran, ['coffee-blur', 'postcard', 'poster']);
});

test('a third run on a finished journal does nothing and exits 0', async () => {
  const dir = tempDir();
  const args = ['run', '--journal', join(dir, 'j.db'), '--out', join(dir, 'out')];
  assert.equal((await runCli(args)).code, 0);
  const again = await runCli(args);
  assert.equal(again.code, 0);
  const j = Journal.open(join(dir, 'j.db'));
  const running = j.db.prepare(`SELECT count(*) AS n FROM events WHERE status = 'running'`).get() as { n: number };
  j.close();
  assert.equal(running.n, 17);
});

test('inspect reports every task and that the projection agrees', async () => {
  const dir = tempDir();
  await runCli(['run', '--journal', join(dir, 'j.db'), '--out', join(dir, 'out'), ...RETRIED_ERRORS]);
  const r = await runCli(['inspect', join(dir, 'j.db'), '--json']);
  assert.equal(r.code, 0, r.stderr);
  const report = JSON.parse(r.stdout);
  assert.equal(report.tasks.length, 17);
  assert.ok(report.tasks.every((t: { status: string }) => t.status === 'completed'));
  assert.ok(report.events.failed > 0);
  assert.equal(report.projectionMismatches, 0);
  const text = await runCli(['inspect', join(dir, 'j.db')]);
  assert.match(text.stdout, /projection: agrees with a rebuild from events/);
});

test('durability full (fsync everything) gives the same outputs as the default', async () => {
  const { engine, outDir } = await openEngine({ durability: 'full' });
  assert.equal(engine.journal.db.pragma('synchronous', { simple: true }), 2, 'synchronous=FULL');
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
  assert.deepEqual(outputHashes(outDir), await faultFreeSampleOutputs());
});
