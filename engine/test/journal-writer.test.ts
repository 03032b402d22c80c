import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { EngineError } from '../errors.js';
import { Journal, type NewEvent } from '../journal/journal.js';
import { JournalWriter } from '../journal/journal-writer.js';
import { tempDir } from './helpers.js';

function journalWithTask(): { journal: Journal; path: string; taskId: number } {
  const path = join(tempDir(), 'j.db');
  const journal = Journal.open(path);
  const pipelineId = journal.createPipeline('p', '/tmp');
  const taskId = journal.upsertTask(pipelineId, 'a', 'noop', {}, null, null);
  return { journal, path, taskId };
}

const events = (taskId: number, n: number, message: string): NewEvent[] =>
  Array.from({ length: n }, (_, i) => ({ runId: null, taskId, status: i % 2 ? 'completed' : 'running', attempt: 1, message: `${message} ${i}` }));

test('the writer thread commits batches in order; every other read or write waits for it, and seqs run on across both ways', () => {
  const { journal, path, taskId } = journalWithTask();
  const heard: number[] = [];
  journal.startWriter('normal', undefined, { committed: (seq) => heard.push(seq), failed: (e) => assert.fail(e.message) });

  const first = journal.appendLater(events(taskId, 40, 'first'));
  const second = journal.appendLater(events(taskId, 3, 'second'));
  assert.equal(first.later, true);
  assert.deepEqual(
    first.seqs,
    Array.from({ length: 40 }, (_, i) => i + 1),
    'seqs given at once',
  );
  assert.deepEqual(second.seqs, [41, 42, 43]);
  assert.equal(journal.lastSeq(), 43, 'handed over counts, committed or not');

  // A read waits for both batches, and the listener heard of them, in order, before it returns.
  assert.equal(journal.eventCounts().running! + journal.eventCounts().completed!, 43);
  assert.deepEqual(heard, [40, 43]);

  // A direct write (here: in a transaction) goes after them; handing over goes on from there.
  const direct = journal.append(events(taskId, 2, 'direct'));
  assert.deepEqual(direct, [44, 45]);
  const third = journal.appendLater(events(taskId, 5, 'third'));
  assert.deepEqual(third.seqs, [46, 47, 48, 49, 50]);
  assert.equal(journal.stateOf(taskId)!.lastSeq, 50, 'the projection follows the writer');
  assert.equal(journal.stateOf(taskId)!.eventCount, 50);

  // Closing commits what was handed over last.
  journal.appendLater(events(taskId, 7, 'last'));
  journal.close();
  const again = Journal.open(path);
  const rows = again.db.prepare('SELECT seq, message FROM events ORDER BY seq').all() as Array<{ seq: number; message: string }>;
  assert.deepEqual(
    rows.map((r) => r.seq),
    Array.from({ length: 57 }, (_, i) => i + 1),
  );
  assert.equal(rows[0]!.message, 'first 0');
  assert.equal(rows[43]!.message, 'direct 0');
  assert.equal(rows[56]!.message, 'last 6');
  again.close();
});

test('inside a transaction, handing over commits at once in it: the writer thread would wait on its lock', () => {
  const { journal, taskId } = journalWithTask();
  journal.startWriter('normal', undefined, { committed: () => {}, failed: (e) => assert.fail(e.message) });
  const inside = journal.transaction(() => journal.appendLater(events(taskId, 3, 'inside')));
  assert.equal(inside.later, false);
  assert.deepEqual(inside.seqs, [1, 2, 3]);
  journal.close();
});

test('a batch the writer cannot commit is a typed storage error: the listener hears it, and later hand-overs and reads throw it', () => {
  const { journal, taskId } = journalWithTask();
  const failures: EngineError[] = [];
  journal.startWriter('normal', undefined, { committed: () => {}, failed: (e) => failures.push(e) });
  // The writer's own checks refuse a task that is not in the journal (foreign key).
  journal.appendLater([{ runId: null, taskId: taskId + 999, status: 'running', attempt: 1 }]);
  assert.throws(
    () => journal.eventCounts(),
    (e: unknown) => e instanceof EngineError && e.kind === 'journal_unwritable' && /FOREIGN KEY/.test(e.message),
  );
  assert.equal(failures.length, 1);
  assert.equal(failures[0]!.kind, 'journal_unwritable');
  assert.throws(() => journal.appendLater(events(taskId, 1, 'after')), /FOREIGN KEY/);
  journal.close();
});

test('with no writer thread (where the thread may not block), handing over commits at once, as before', () => {
  const { journal, taskId } = journalWithTask();
  const handed = journal.appendLater(events(taskId, 3, 'direct'));
  assert.equal(handed.later, false);
  assert.deepEqual(handed.seqs, [1, 2, 3]);
  assert.equal(journal.stateOf(taskId)!.lastSeq, 3);
  journal.close();
});

test('a writer thread that cannot open the journal says why at the first wait, rather than leaving it to a timeout', () => {
  const writer = JournalWriter.start(join(tempDir(), 'gone', 'j.db'), 'normal', undefined)!;
  const failures: EngineError[] = [];
  writer.listen({ committed: () => assert.fail('nothing can commit'), failed: (e) => failures.push(e) });
  writer.post([1, null, 1, 'running', 1, null, Date.now(), null, null, null, null, null, null, null, null], 1);
  assert.throws(
    () => writer.drain(),
    (e: unknown) => e instanceof EngineError && e.kind === 'journal_unwritable' && /directory does not exist|unable to open/i.test(e.message),
  );
  assert.equal(failures.length, 1);
  writer.stop();
});
