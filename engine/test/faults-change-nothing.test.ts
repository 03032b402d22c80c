import assert from 'node:assert/strict';
import { test } from 'node:test';
import { inspectJournal } from '../cli/inspect-command.js';
import type { PipelineFile } from '../contract/index.js';
import { faultFreeSampleOutputs, openEngine, outputHashes, PHOTOS, pipelineDir, runToEnd } from './helpers.js';

// 30% of attempts meet a fault, spread over every kind a worker run can meet.
const MIXED = { error: 0.08, panic: 0.05, hang: 0.05, missing: 0.06, corrupt: 0.06 };
const SETTINGS = { timeoutMs: 1_500, maxAttempts: 10, backoffBaseMs: 5, backoffMaxMs: 50 };
/** A seed under which the chains below meet every kind of fault (checked below, not assumed). */
const SEED = 2;

/**
 * Four photos, each through a chain of five ops. Every stored output has one reader, so the
 * faults a task gets depend on its own history alone (see the README's "Faults repeat").
 */
function chains(): PipelineFile {
  const nodes: PipelineFile['nodes'] = [];
  for (const photo of ['chelsea.png', 'astronaut.png', 'coffee.png', 'rocket.jpg']) {
    const p = photo.split('.')[0]!;
    nodes.push({ id: `${p}`, op: 'load', params: { path: `${PHOTOS}/${photo}` }, inputs: [] });
    nodes.push({ id: `${p}-small`, op: 'resize', params: { width: 160 }, inputs: [p] });
    nodes.push({ id: `${p}-blur`, op: 'blur', params: { sigma: 1.5 }, inputs: [`${p}-small`] });
    nodes.push({ id: `${p}-bright`, op: 'brightness', params: { factor: 1.2 }, inputs: [`${p}-blur`] });
    nodes.push({ id: `${p}-sharp`, op: 'sharpen', params: { sigma: 1 }, inputs: [`${p}-bright`] });
    nodes.push({ id: `${p}-turned`, op: 'rotate', params: { angle: 90 }, inputs: [`${p}-sharp`] });
  }
  return { name: 'four chains', version: 1, nodes };
}

async function chainsRun(workers: number, faults: { seed: number; chances: typeof MIXED } | null) {
  const { file } = pipelineDir(chains());
  const { engine, outDir } = await openEngine({
    pipelinePath: file,
    allowedDirs: [PHOTOS],
    faults: faults ? { seed: faults.seed, chances: { ...faults.chances, crash: 0 } } : undefined,
    settings: { ...SETTINGS, workers },
  });
  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'completed', `${workers} workers: ${summary.problems.join('; ')}`);
  const report = inspectJournal(engine.journal);
  await engine.close();
  return { outputs: outputHashes(outDir), faults: Object.fromEntries(report.tasks.map((t) => [t.id, t.faults])) };
}

test('one seed injects the same faults into each task with 1, 2 and 4 workers, and every output equals the fault-free run', async () => {
  const clean = await chainsRun(1, null);
  const runs = [];
  for (const workers of [1, 2, 4]) runs.push({ workers, ...(await chainsRun(workers, { seed: SEED, chances: MIXED })) });
  for (const run of runs) {
    assert.deepEqual(run.outputs, clean.outputs, `${run.workers} workers: outputs differ from the fault-free run`);
    assert.deepEqual(run.faults, runs[0]!.faults, `${run.workers} workers: other faults than with 1 worker`);
  }
  const kinds = new Set(Object.values(runs[0]!.faults).flatMap((list) => list.map((f) => f.kind.split(':')[0])));
  assert.deepEqual([...kinds].sort(), ['corrupt', 'error', 'hang', 'missing', 'panic'], `seed ${SEED} should meet every kind`);
});

test('the sample under 30% mixed faults ends byte-identical to the fault-free run, and the journal names each fault', async () => {
  const expected = await faultFreeSampleOutputs();
  const { engine, outDir } = await openEngine({ faults: { seed: SEED, chances: { ...MIXED, crash: 0 } }, settings: SETTINGS });
  const summary = await runToEnd(engine);
  assert.equal(summary.run?.status, 'completed', summary.problems.join('; '));
  assert.deepEqual(outputHashes(outDir), expected);
  const injected = inspectJournal(engine.journal).tasks.flatMap((t) => t.faults);
  assert.ok(injected.length > 0, 'faults were injected');
  const kinds = engine.journal.errorKindCounts();
  assert.ok((kinds.injected_error ?? 0) + (kinds.worker_crashed ?? 0) + (kinds.timeout ?? 0) > 0, 'and recovered from');
});
