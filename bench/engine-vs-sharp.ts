import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { OP_NAMES } from '../engine/contract/index.js';
import { Engine } from '../engine/scheduler/engine.js';
import { makeBatchFixture, type BatchFixture } from './batch-fixture.js';
import { childEntry } from './shared/child.js';
import { median, now, round, scratchDir, seconds } from './shared/timing.js';
import { runFusedSharpBatch, runPlainSharpBatch } from './plain-sharp-batch.js';

export interface EngineVsSharpArgs {
  chains: number;
  repeats: number;
  workers: number;
  tasksPerWorker: number;
  /** 'any': every worker takes every op; 'default': the engine's DEFAULT_AFFINITY groups. */
  affinity: 'any' | 'default';
  /** Also time the fused one-pipeline script (for context; not part of the ratio). */
  withFused: boolean;
}

/** Every worker takes every op, so no op type waits for "its" thread while another idles. */
const ANY_OP: string[][] = [[...OP_NAMES]];

export interface EngineVsSharpResult {
  chains: number;
  tasks: number;
  concurrency: number;
  engineSeconds: number[];
  plainSeconds: number[];
  fusedSeconds: number[];
  enginePhotosPerS: number;
  plainPhotosPerS: number;
  fusedPhotosPerS: number | null;
  ratio: number;
  ratioVsFused: number | null;
  identicalOutputs: boolean;
}

/**
 * Engine (full journaling, durable outputs, fresh journal and output folder each time) against
 * the plain-sharp script, run back to back in each round, in alternating order. The figure is the
 * median of the rounds' ratios: a pair run seconds apart sees the same background load on this
 * shared VM, where whole rounds drift by ±5%. The timed engine span is Engine.open to the run's
 * end: journal creation, pipeline import, validation and worker start-up are the engine's cost too.
 */
export async function engineVsSharp(args: EngineVsSharpArgs): Promise<EngineVsSharpResult> {
  const scratch = scratchDir('batch');
  try {
    const fixture = await makeBatchFixture(scratch.dir, args.chains);
    const concurrency = args.workers * args.tasksPerWorker;
    const times: Record<'engine' | 'plain' | 'fused', number[]> = { engine: [], plain: [], fused: [] };
    let identical = true;
    // Round 0 is untimed: it warms the page cache and sharp's first-call costs alike.
    for (let round = 0; round <= args.repeats; round++) {
      const out = (side: string) => join(scratch.dir, `${side}-${round}`);
      const sides = {
        engine: () => timeEngine(fixture, join(scratch.dir, `journal-${round}.db`), out('engine'), args),
        plain: () => timeScript(() => runPlainSharpBatch(fixture, out('plain'), concurrency), out('plain')),
        fused: () => timeScript(() => runFusedSharpBatch(fixture, out('fused'), concurrency), out('fused')),
      };
      const order = (['engine', 'plain', 'fused'] as const).filter((side) => side !== 'fused' || args.withFused);
      for (const side of round % 2 ? [...order].reverse() : order) {
        settleDisk();
        const elapsed = await sides[side]();
        if (round > 0) times[side].push(elapsed);
      }
      if (round === 0) identical = sameOutputs(fixture, out('engine'), out('plain'));
    }
    const perS = (s: number[]) => round(args.chains / median(s), 1);
    const pairedRatio = (base: number[]) => round(median(base.map((b, i) => b / times.engine[i]!)), 3);
    const fused = times.fused.length > 0;
    return {
      chains: args.chains,
      tasks: fixture.tasks,
      concurrency,
      engineSeconds: times.engine.map((s) => round(s, 3)),
      plainSeconds: times.plain.map((s) => round(s, 3)),
      fusedSeconds: times.fused.map((s) => round(s, 3)),
      enginePhotosPerS: perS(times.engine),
      plainPhotosPerS: perS(times.plain),
      fusedPhotosPerS: fused ? perS(times.fused) : null,
      ratio: pairedRatio(times.plain),
      ratioVsFused: fused ? pairedRatio(times.fused) : null,
      identicalOutputs: identical,
    };
  } finally {
    scratch.remove();
  }
}

async function timeScript(script: () => Promise<void>, outDir: string): Promise<number> {
  mkdirSync(outDir);
  const t = now();
  await script();
  return seconds(t);
}

async function timeEngine(fixture: BatchFixture, journalPath: string, outDir: string, args: EngineVsSharpArgs): Promise<number> {
  const t = now();
  const engine = await Engine.open({
    journalPath,
    outDir,
    pipelinePath: fixture.pipelinePath,
    settings: { workers: args.workers },
    tasksPerWorker: args.tasksPerWorker,
    allowedDirs: [fixture.samplesDir],
    ...(args.affinity === 'any' ? { affinity: ANY_OP } : {}),
  });
  try {
    await engine.startRun();
    const summary = await engine.waitForRunEnd();
    const elapsed = seconds(t);
    if (summary.run?.status !== 'completed') throw new Error(`engine run ended ${summary.run?.status}: ${summary.problems.join('; ')}`);
    return elapsed;
  } finally {
    await engine.close();
  }
}

/**
 * Before each timed run, untimed: write back what the last one left dirty, so none is timed while
 * another's ~200 MB is being flushed. Outputs are kept until the end rather than deleted here:
 * this VM's ext4 has no journal, and without one ext4 skips every inode freed in the last minute
 * (six if its inode table block is still dirty) when it creates a file, scanning past each.
 * Deleting a round's ~600 files made every create of the next rounds cost ~0.4 ms, not ~0.03 ms.
 */
function settleDisk(): void {
  execFileSync('sync');
}

/** Fairness check: both sides must have produced the very same PNG bytes for every photo. */
function sameOutputs(fixture: BatchFixture, engineOut: string, plainOut: string): boolean {
  for (let i = 0; i < fixture.sources.length; i++) {
    const name = `${fixture.sinkId(i)}.png`;
    if (!readFileSync(join(engineOut, name)).equals(readFileSync(join(plainOut, name)))) return false;
  }
  return true;
}

childEntry(import.meta.url, engineVsSharp);
