import assert from 'node:assert/strict';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import type { TaskState } from '../journal/journal.js';
import { CounterBook } from '../scheduler/counter-book.js';
import { Timeline } from '../replay/timeline.js';
import { tempDir } from './helpers.js';
import { SCRIPT, scriptedJournal } from './replay-fixtures.js';

const sorted = (tasks: Map<number, TaskState>) => [...tasks.values()].sort((a, b) => a.taskId - b.taskId);

test('the state at every event N equals the projection the journal held right after writing N', async () => {
  const { journal, snapshots } = await scriptedJournal({ snapshots: true });
  assert.equal(snapshots.length, SCRIPT.length + 1);
  // 1: a checkpoint after every event; 3: walks of up to two events; 1000: every lookup walks from seq 0.
  for (const checkpointEvery of [1, 3, 1000]) {
    const timeline = new Timeline(journal.db, { checkpointEvery });
    for (let seq = 0; seq < snapshots.length; seq++) {
      assert.deepEqual(sorted(timeline.pointAt(seq).tasks), sorted(snapshots[seq]!), `seq ${seq}, checkpoints every ${checkpointEvery}`);
    }
  }
  // Scrubbing backwards and jumping around must not depend on the previous lookup.
  const timeline = new Timeline(journal.db, { checkpointEvery: 4 });
  for (const seq of [SCRIPT.length, 3, 17, 0, 29, 11, 30]) {
    assert.deepEqual(sorted(timeline.pointAt(seq).tasks), sorted(snapshots[seq]!), `jump to seq ${seq}`);
  }
});

test('counters at every N are what the live engine counts over the first N events', async () => {
  const { journal } = await scriptedJournal();
  const timeline = new Timeline(journal.db, { checkpointEvery: 5 });
  for (let seq = 0; seq <= SCRIPT.length; seq++) {
    // The live engine's own CounterBook, over a copy of the journal cut at seq.
    const cut = new Database(':memory:');
    cut.exec(`ATTACH '${journal.path}' AS j; CREATE TABLE events AS SELECT * FROM j.events WHERE seq <= ${seq}`);
    const live = new CounterBook({ db: cut } as never).view(timeline.pointAt(seq).counters.byStatus, seq);
    cut.close();
    const { counters } = timeline.pointAt(seq);
    assert.deepEqual({ retries: counters.retries, recoveries: counters.recoveries, events: counters.events }, { retries: live.retries, recoveries: live.recoveries, events: seq }, `seq ${seq}`);
  }
  const end = timeline.stateAt(SCRIPT.length).counters;
  assert.deepEqual(end.byStatus, { pending: 0, running: 0, completed: 5, failed: 0, dead: 1, blocked: 1, cancelled: 0 });
  assert.equal(end.retries, 4);
});

test('stateAt names tasks by node id and says which task each worker held', async () => {
  const { journal } = await scriptedJournal();
  const timeline = new Timeline(journal.db);
  const early = timeline.stateAt(2);
  assert.deepEqual(early.workers, [
    { id: 0, task: 'a' },
    { id: 1, task: 'd' },
  ]);
  assert.deepEqual(
    early.tasks.map((t) => [t.id, t.status]),
    [['a', 'running'], ['b', 'pending'], ['c', 'pending'], ['d', 'running'], ['e', 'pending'], ['f', 'pending'], ['g', 'pending']],
  );
  const afterCrash = timeline.stateAt(12);
  assert.deepEqual(afterCrash.tasks.find((t) => t.id === 'c'), {
    id: 'c', status: 'failed', attempt: 1, worker: null, message: 'retry 2 of 3 in 50 ms', errorKind: 'worker_crashed', errorMessage: 'worker_crashed in c',
  });
  assert.deepEqual(afterCrash.workers, [
    { id: 0, task: null },
    { id: 1, task: 'f' },
  ]);
  assert.equal(timeline.stateAt(10_000).seq, SCRIPT.length, 'a seq past the end is the end');
});

test('info lists every failure, death and recovery with a readable label, and times map to seqs', async () => {
  const { journal, startAt } = await scriptedJournal();
  const timeline = new Timeline(journal.db, { checkpointEvery: 4 });
  const info = timeline.info();
  assert.equal(info.firstSeq, 1);
  assert.equal(info.lastSeq, SCRIPT.length);
  assert.equal(info.startAt, startAt);
  assert.equal(info.endAt, startAt + SCRIPT.reduce((sum, step) => sum + step[3], 0));
  assert.deepEqual(
    info.marks.map((m) => `${m.seq} ${m.kind} ${m.label}`),
    [
      '5 failure d: injected error, retry 2 of 3 in 50 ms',
      '10 recovery d: recovered, completed on attempt 2',
      '12 failure c: worker crashed, retry 2 of 3 in 50 ms',
      '13 failure f: timed out, retry 2 of 3 in 60 ms',
      '18 recovery c: recovered, completed on attempt 2',
      '20 recovery e: waiting for c to re-run',
      '21 recovery c: reverted: output of c is missing',
      '22 failure f: timed out, retry 3 of 3 in 120 ms',
      '28 dead f: op error, gave up after 3 attempts',
      '30 recovery e: resumed after the engine stopped',
    ],
  );
  assert.equal(timeline.seqAtTime(startAt - 1), 0);
  for (const mark of info.marks) {
    // Several events can share a millisecond: the time maps to the last of them.
    const sameMs = info.marks.filter((m) => m.at === mark.at).map((m) => m.seq);
    assert.ok(timeline.seqAtTime(mark.at) >= Math.max(...sameMs), `at ${mark.at - startAt} ms`);
    assert.ok(timeline.seqAtTime(mark.at) < timeline.seqAtTime(mark.at + 1) || mark.seq === info.lastSeq || timeline.seqAtTime(mark.at) === timeline.seqAtTime(mark.at + 1));
  }
  assert.equal(timeline.seqAtTime(startAt + 4_500), 18, 'in the idle stretch, the last event before it');
  assert.equal(timeline.seqAtTime(info.endAt + 60_000), info.lastSeq);
});

test('refresh picks up events appended while a run goes on', async () => {
  const { journal, taskIds } = await scriptedJournal();
  const timeline = new Timeline(journal.db, { checkpointEvery: 2 });
  const before = timeline.info().lastSeq;
  const [seq] = journal.append([{ runId: null, taskId: taskIds.get('g')!, status: 'pending', attempt: 0, errorKind: 'interrupted', message: 'retry by hand' }]);
  assert.equal(timeline.info().lastSeq, before, 'not yet indexed');
  timeline.refresh();
  assert.equal(timeline.info().lastSeq, seq);
  assert.equal(timeline.stateAt(seq!).tasks.find((t) => t.id === 'g')?.status, 'pending');
  assert.equal(timeline.stateAt(seq! - 1).tasks.find((t) => t.id === 'g')?.status, 'blocked');
  assert.equal(timeline.info().marks.at(-1)?.label, 'g: retry by hand');
});

test('a million events: stateAt walks at most one checkpoint interval, whatever the seq', () => {
  const dir = tempDir();
  const db = new Database(join(dir, 'big.db'));
  db.exec(`CREATE TABLE pipelines (id INTEGER PRIMARY KEY, name TEXT, base_dir TEXT, created_at INTEGER);
    CREATE TABLE tasks (id INTEGER PRIMARY KEY, pipeline_id INTEGER, node_id TEXT, op TEXT, params TEXT, x REAL, y REAL, removed INTEGER DEFAULT 0);
    CREATE TABLE task_inputs (task_id INTEGER, slot INTEGER, parent_id INTEGER);
    CREATE TABLE runs (id INTEGER PRIMARY KEY, pipeline_id INTEGER, started_at INTEGER, ended_at INTEGER, status TEXT, out_dir TEXT, settings TEXT);
    CREATE TABLE events (seq INTEGER PRIMARY KEY, run_id INTEGER, task_id INTEGER, status TEXT, attempt INTEGER, worker INTEGER,
      at INTEGER, content_key TEXT, output_path TEXT, checksum TEXT, error_kind TEXT, error_message TEXT, message TEXT, retry_at INTEGER);
    INSERT INTO pipelines VALUES (1, 'big', '/', 0);`);
  const TASKS = 200;
  const EVENTS = 1_000_000;
  const statuses = ['running', 'failed', 'pending', 'running', 'completed'];
  db.transaction(() => {
    const task = db.prepare("INSERT INTO tasks (id, pipeline_id, node_id, op, params) VALUES (?, 1, ?, 'noop', '{}')");
    for (let t = 1; t <= TASKS; t++) task.run(t, `n${t}`);
    const event = db.prepare('INSERT INTO events (task_id, status, attempt, worker, at) VALUES (?, ?, 1, ?, ?)');
    for (let i = 0; i < EVENTS; i++) event.run((i % TASKS) + 1, statuses[Math.floor(i / TASKS) % statuses.length], i % 4, 1_000 + i);
  })();

  const timeline = new Timeline(db, { checkpointEvery: 1000 });
  const lookups = [EVENTS, 1, 999_999, 500_500, 123_456, 999, 1_000];
  const started = process.hrtime.bigint();
  for (const seq of lookups) {
    const state = timeline.stateAt(seq);
    // Event i touches task (i-1) % 200 + 1 with status number floor((i-1)/200) % 5: check a few tasks.
    for (const t of [1, 77, 200]) {
      const last = seq - ((seq - t) % TASKS + TASKS) % TASKS;
      const expected = last >= 1 ? statuses[Math.floor((last - 1) / TASKS) % statuses.length] : 'pending';
      assert.equal(state.tasks[t - 1]!.status, expected, `task n${t} at seq ${seq}`);
    }
    assert.equal(state.counters.events, seq);
  }
  const perLookupMs = Number(process.hrtime.bigint() - started) / 1e6 / lookups.length;
  assert.ok(perLookupMs < 50, `stateAt took ${perLookupMs.toFixed(1)} ms per lookup`);
  assert.equal(timeline.seqAtTime(1_000 + 654_320), 654_321);
  db.close();
});
