import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { copyFileSync, renameSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import { inspectJournal } from '../cli/inspect-command.js';
import type { PipelineFile } from '../contract/index.js';
import { contentKey } from '../scheduler/content-key.js';
import { Engine } from '../scheduler/engine.js';
import { eventRows, openEngine, outputHashes, PHOTOS, pipelineDir, runToEnd } from './helpers.js';

const pipeline = (smallParams: Record<string, unknown>, photo = `${PHOTOS}/chelsea.png`): PipelineFile => ({
  name: 'defaults',
  version: 1,
  nodes: [
    { id: 'cat', op: 'load', params: { path: photo }, inputs: [] },
    // The same resize twice: once as a file would say it, once as the canvas does (defaults filled).
    { id: 'small', op: 'resize', params: smallParams, inputs: ['cat'] },
    { id: 'small-too', op: 'resize', params: { width: 160, fit: 'cover' }, inputs: ['cat'] },
    { id: 'blurred', op: 'blur', params: { sigma: 2 }, inputs: ['small'] },
    { id: 'blurred-too', op: 'blur', params: { sigma: 2 }, inputs: ['small-too'] },
  ],
});

test('a node written with and without its default params is one definition: one content key, computed once', async () => {
  const { file } = pipelineDir(pipeline({ width: 160 }));
  const { engine, outDir } = await openEngine({ pipelinePath: file, allowedDirs: [PHOTOS], settings: { workers: 1 } });
  assert.deepEqual(engine.graph.byNodeId.get('small')!.params, { width: 160, fit: 'cover' }, 'stored as parsed');
  assert.equal((await runToEnd(engine)).run?.status, 'completed');
  const tasks = new Map(inspectJournal(engine.journal).tasks.map((t) => [t.id, t]));
  assert.equal(tasks.get('small')!.contentKey, tasks.get('small-too')!.contentKey);
  assert.equal(tasks.get('blurred')!.contentKey, tasks.get('blurred-too')!.contentKey);
  // One of each pair ran; the other found its content key already computed.
  assert.equal(tasks.get('small')!.executions + tasks.get('small-too')!.executions, 1);
  assert.equal(tasks.get('blurred')!.executions + tasks.get('blurred-too')!.executions, 1);
  const outputs = outputHashes(outDir);
  assert.equal(outputs['blurred.png'], outputs['blurred-too.png']);
});

test('a journal written before params were stored parsed opens, keeps its completed work, and reruns nothing', async () => {
  // A photo of its own, so that touching it below changes nothing else.
  // No twins: small's output must be found by the key it had, not through small-too's.
  const single = pipeline({ width: 160 }, 'chelsea.png');
  const { dir, file } = pipelineDir({ ...single, nodes: single.nodes.filter((n) => !n.id.endsWith('-too')) });
  copyFileSync(join(PHOTOS, 'chelsea.png'), join(dir, 'chelsea.png'));
  const first = await openEngine({ pipelinePath: file });
  assert.equal((await runToEnd(first.engine)).run?.status, 'completed');
  const before = outputHashes(first.outDir);
  await first.engine.close();

  // Age the journal to schema version 3, as the previous Faultline left it: params as given,
  // outputs keyed on them, no projection trigger, no fault or event-count columns.
  const cat = first.engine.graph.byNodeId.get('cat')!.state.checksum!;
  const parsedKey = first.engine.graph.byNodeId.get('small')!.state.contentKey!;
  const givenKey = contentKey({ op: 'resize', params: { width: 160 }, inputs: [cat], format: 'raw' });
  assert.notEqual(givenKey, parsedKey);
  const objects = join(first.outDir, '.objects');
  renameSync(join(objects, `${parsedKey}.raw`), join(objects, `${givenKey}.raw`));
  const db = new Database(first.journalPath);
  db.exec(`DROP TRIGGER events_project_task_state; DROP TRIGGER events_are_append_only_update;
    DROP TRIGGER events_are_append_only_delete;
    ALTER TABLE events DROP COLUMN fault; ALTER TABLE task_state DROP COLUMN event_count;
    ALTER TABLE tasks DROP COLUMN params_parsed; ALTER TABLE tasks DROP COLUMN params_given;
    DROP INDEX events_outputs_by_key; CREATE INDEX events_completed_by_key ON events (content_key) WHERE status = 'completed';
    DELETE FROM schema_migrations WHERE version >= 4`);
  for (const table of ['events', 'task_state']) {
    db.prepare(`UPDATE ${table} SET content_key = ?, output_path = ? WHERE content_key = ?`).run(
      givenKey,
      join(objects, `${givenKey}.raw`),
      parsedKey,
    );
  }
  db.prepare(`UPDATE tasks SET params = '{"width":160}' WHERE node_id = 'small'`).run();
  db.close();

  const again = await Engine.open({ journalPath: first.journalPath, outDir: first.outDir, pipelinePath: file });
  try {
    assert.deepEqual(again.graph.byNodeId.get('small')!.params, { width: 160, fit: 'cover' }, 'rewritten as parsed on open');
    assert.ok(
      [...again.graph.byId.values()].every((n) => n.state.status === 'completed'),
      'completed work kept',
    );
    const runs = eventRows(again, `e.status = 'running'`).length;
    assert.equal((await runToEnd(again)).run?.status, 'completed');
    assert.equal(eventRows(again, `e.status = 'running'`).length, runs, 'nothing ran again');
    // Looked at again (its photo was touched), what was keyed on the params as given finds
    // that output: reused, not rerun.
    const later = new Date(Date.now() + 60_000);
    utimesSync(join(dir, 'chelsea.png'), later, later);
    assert.equal((await runToEnd(again)).run?.status, 'completed');
    assert.ok(eventRows(again, `t.node_id = 'small' AND e.message LIKE 'reused%'`).length > 0, 'small was looked at again, and reused');
    // Only the load ran again: it reads and hashes its photo; small found its old output.
    assert.deepEqual(
      eventRows(again, `e.status = 'running' AND e.run_id >= 2`).map((r) => r.nodeId),
      ['cat'],
    );
    assert.equal(again.graph.byNodeId.get('small')!.state.outputPath, join(objects, `${givenKey}.raw`));
    assert.deepEqual(outputHashes(first.outDir), before);
    assert.equal(inspectJournal(again.journal).projectionMismatches, 0, 'the trigger and the rebuild agree');
  } finally {
    await again.close();
  }
});

test('the database keeps events append-only and refuses an unknown status', async () => {
  const { engine } = await openEngine();
  await runToEnd(engine);
  const db = engine.journal.db;
  assert.throws(() => db.exec(`UPDATE events SET status = 'completed'`), /events are append-only: an event is never changed/);
  assert.throws(() => db.exec('DELETE FROM events'), /events are append-only: an event is never deleted/);
  const task = (db.prepare('SELECT min(id) AS id FROM tasks').get() as { id: number }).id;
  assert.throws(() => engine.journal.append([{ runId: null, taskId: task, status: 'exploded' as never, attempt: 0 }]), /unknown task status/);
});
