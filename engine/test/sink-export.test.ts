import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { readFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { corruptFile } from '../faults/damage-file.js';
import { eventRows, faultFreeSampleOutputs, openEngine, outputHashes, runToEnd } from './helpers.js';

const sha256 = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

test('each exported sink has its journaled checksum; a deleted or damaged export is repaired by the next run', async () => {
  const expected = await faultFreeSampleOutputs();
  const first = await openEngine();
  assert.equal((await runToEnd(first.engine)).run?.status, 'completed');
  for (const id of ['launch', 'postcard', 'cat-portrait']) {
    assert.equal(sha256(join(first.outDir, `${id}.png`)), first.engine.graph.byNodeId.get(id)!.state.checksum, `${id}.png`);
  }
  await first.engine.close();

  unlinkSync(join(first.outDir, 'launch.png'));
  // Damaged in place: where the export shares its object's inode, the object is damaged too.
  corruptFile(join(first.outDir, 'postcard.png'));

  const second = await openEngine({ journalPath: first.journalPath, outDir: first.outDir });
  assert.equal((await runToEnd(second.engine)).run?.status, 'completed');
  assert.deepEqual(outputHashes(first.outDir), expected);
  const reran = eventRows(second.engine, `e.run_id = 2 AND e.status = 'running'`).map((r) => r.nodeId);
  assert.ok(!reran.includes('launch'), 'a deleted export is relinked from its intact object, not recomputed');
  assert.ok(!reran.includes('cat-portrait'), 'an untouched sink is left alone');

  // The same engine remembers what it exported (postcard, just now); a file gone since is still noticed.
  unlinkSync(join(first.outDir, 'postcard.png'));
  assert.equal((await runToEnd(second.engine)).run?.status, 'completed');
  assert.deepEqual(outputHashes(first.outDir), expected);
});
