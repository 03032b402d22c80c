import assert from 'node:assert/strict';
import { test } from 'node:test';
import { join } from 'node:path';
import { Journal, type TaskState } from '../journal/journal.js';
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

test('counters at every N are what the live engine counted after its first N events', async () => {
  const { journal, events } = await scriptedJournal();
  const timeline = new Timeline(journal.db, { checkpointEvery: 5 });
  // The live engine's own CounterBook, fed the same events one at a time, starting from nothing.
  const live = new CounterBook(Journal.open(join(tempDir(), 'empty.db')));
  events.forEach((event, i) => {
    live.record(event);
    const { counters } = timeline.pointAt(i + 1);
    const expected = live.view(counters.byStatus, i + 1);
    assert.deepEqual(
      counters,
      { byStatus: expected.byStatus, retries: expected.retries, recoveries: expected.recoveries, events: i + 1 },
      `seq ${i + 1}`,
    );
  });
  const end = timeline.stateAt(SCRIPT.length).counters;
  assert.deepEqual(end.byStatus, { pending: 0, running: 0, completed: 5, failed: 0, dead: 1, blocked: 1, cancelled: 0 });
  assert.deepEqual([end.retries, end.recoveries], [4, 5]);
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
    [
      ['a', 'running'],
      ['b', 'pending'],
      ['c', 'pending'],
      ['d', 'running'],
      ['e', 'pending'],
      ['f', 'pending'],
      ['g', 'pending'],
    ],
  );
  const afterCrash = timeline.stateAt(12);
  assert.deepEqual(
    afterCrash.tasks.find((t) => t.id === 'c'),
    {
      id: 'c',
      status: 'failed',
      attempt: 1,
      worker: null,
      message: 'retry 2 of 3 in 50 ms',
      errorKind: 'worker_crashed',
      errorMessage: 'worker_crashed in c',
    },
  );
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
  assert.equal(timeline.seqAtTime(startAt - 1), 0, 'before the first event');
  let at = startAt;
  const times = SCRIPT.map((step) => (at += step[3]));
  times.forEach((t, i) => {
    // Events sharing a millisecond: the time maps to the last of them.
    assert.equal(timeline.seqAtTime(t), times.lastIndexOf(t) + 1, `event ${i + 1}`);
  });
  assert.equal(timeline.seqAtTime(startAt + 4_500), 18, 'in the idle stretch, the last event before it');
  assert.equal(timeline.seqAtTime(info.endAt + 60_000), info.lastSeq);
});

test('refresh picks up events appended while a run goes on', async () => {
  const { journal, taskIds } = await scriptedJournal();
  const timeline = new Timeline(journal.db, { checkpointEvery: 2 });
  const before = timeline.info().lastSeq;
  const [seq] = journal.append([
    { runId: null, taskId: taskIds.get('g')!, status: 'pending', attempt: 0, errorKind: 'interrupted', message: 'retry by hand' },
  ]);
  assert.equal(timeline.info().lastSeq, before, 'not yet indexed');
  timeline.refresh();
  assert.equal(timeline.info().lastSeq, seq);
  assert.equal(timeline.stateAt(seq!).tasks.find((t) => t.id === 'g')?.status, 'pending');
  assert.equal(timeline.stateAt(seq! - 1).tasks.find((t) => t.id === 'g')?.status, 'blocked');
  assert.equal(timeline.info().marks.at(-1)?.label, 'g: retry by hand');
});

test('a million events: stateAt walks at most one checkpoint interval, whatever the seq', () => {
  const dir = tempDir();
  const journal = Journal.open(join(dir, 'big.db'));
  const db = journal.db;
  const pipelineId = journal.createPipeline('big', dir);
  const TASKS = 200;
  const EVENTS = 1_000_000;
  const statuses = ['running', 'failed', 'pending', 'running', 'completed'];
  db.transaction(() => {
    for (let t = 1; t <= TASKS; t++) journal.upsertTask(pipelineId, `n${t}`, 'noop', {}, null, null);
    // Straight into events: the projection table plays no part in replay, and this is 10x faster.
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
      const last = seq - ((((seq - t) % TASKS) + TASKS) % TASKS);
      const expected = last >= 1 ? statuses[Math.floor((last - 1) / TASKS) % statuses.length] : 'pending';
      assert.equal(state.tasks[t - 1]!.status, expected, `task n${t} at seq ${seq}`);
    }
    assert.equal(state.counters.events, seq);
  }
  const perLookupMs = Number(process.hrtime.bigint() - started) / 1e6 / lookups.length;
  assert.ok(perLookupMs < 50, `stateAt took ${perLookupMs.toFixed(1)} ms per lookup`);
  assert.equal(timeline.seqAtTime(1_000 + 654_320), 654_321);
  journal.close();
});
