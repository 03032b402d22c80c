import assert from 'node:assert/strict';
import { join } from 'node:path';
import { test } from 'node:test';
import { Journal } from '../journal/journal.js';
import { projectionMismatches } from '../journal/projection.js';
import { seededRandom } from '../faults/seeded-random.js';
import { faultFreeSampleOutputs, outputHashes, runCli, tempDir } from './helpers.js';

test('kill -9 at 20+ random moments of one run: it resumes each time and ends identical to the fault-free run', async () => {
  const expected = await faultFreeSampleOutputs();
  const dir = tempDir();
  const journal = join(dir, 'journal.db');
  const out = join(dir, 'out');
  // A throttle makes the run long enough that every kill lands mid-run.
  const args = ['run', '--journal', journal, '--out', out, '--throttle-ms', '250'];
  let kills = 0;
  let finished = false;
  for (let i = 0; i < 120 && !finished; i++) {
    const killAfterMs = kills < 22 ? 150 + Math.floor(seededRandom(42, `kill:${i}`) * 650) : undefined;
    const result = await runCli(args, { killAfterMs });
    if (result.signal === 'SIGKILL') kills++;
    else {
      assert.equal(result.code, 0, `run ${i} failed:\n${result.stdout}\n${result.stderr}`);
      finished = true;
    }
  }
  assert.ok(finished, 'the run never finished');
  assert.ok(kills >= 20, `only ${kills} kills landed before the run finished`);
  assert.deepEqual(outputHashes(out), expected);

  const j = Journal.open(journal);
  try {
    assert.equal(projectionMismatches(j.db), 0, 'the projection must equal a rebuild from the events');
    const twice = j.db
      .prepare(`SELECT task_id, content_key, count(*) AS n FROM events WHERE status = 'completed' GROUP BY task_id, content_key HAVING n > 1`)
      .all();
    assert.deepEqual(twice, [], 'no task may complete twice for the same content key');
    assert.ok((j.errorKindCounts().interrupted ?? 0) > 0, 'the journal should show interrupted tasks being resumed');
  } finally {
    j.close();
  }
});

test('the engine-crash fault (--crash-chance) kills the engine; rerunning until done gives the fault-free outputs', async () => {
  const expected = await faultFreeSampleOutputs();
  const dir = tempDir();
  // The crash is rolled per commit, and how many commits a run makes depends on timing: a chance
  // high enough that a run of ~30 commits cannot finish without one (0.8^30 ≈ 0.1%).
  const args = ['run', '--journal', join(dir, 'j.db'), '--out', join(dir, 'out'), '--crash-chance', '0.2', '--seed', '3'];
  let crashes = 0;
  for (let i = 0; i < 60; i++) {
    const result = await runCli(args);
    if (result.signal === 'SIGKILL') {
      crashes++;
      continue;
    }
    assert.equal(result.code, 0, result.stderr);
    break;
  }
  assert.ok(crashes > 0, 'the crash fault never fired');
  assert.deepEqual(outputHashes(join(dir, 'out')), expected);
});
