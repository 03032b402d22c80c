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
 * the plain-sharp script, alternating A/B so both see the same background load; the figure is
 * the ratio of the medians. The timed engine span is Engine.open to the run's end: journal
 * creation, pipeline import, validation and worker start-up are the engine's cost too.
 */
export async function engineVsSharp(args: EngineVsSharpArgs): Promise<EngineVsSharpResult> {
  const scratch = scratchDir('batch');
  try {
    const fixture = await makeBatchFixture(scratch.dir, args.chains);
    const concurrency = args.workers * args.tasksPerWorker;
    const engineSeconds: number[] = [];
    const plainSeconds: number[] = [];
    const fusedSeconds: number[] = [];
    let identical = true;
    // One untimed round of each warms the page cache and sharp's first-call costs alike.
    for (let round = 0; round <= args.repeats; round++) {
      const engineOut = join(scratch.dir, `engine-${round}`);
      const e = await timeEngine(fixture, join(scratch.dir, `journal-${round}.db`), engineOut, args);
      settleDisk();
      const plainOut = join(scratch.dir, `plain-${round}`);
      mkdirSync(plainOut);
      let t = now();
      await runPlainSharpBatch(fixture, plainOut, concurrency);
      const p = seconds(t);
      if (args.withFused) {
        settleDisk();
        const fusedOut = join(scratch.dir, `fused-${round}`);
        mkdirSync(fusedOut);
        t = now();
        await runFusedSharpBatch(fixture, fusedOut, concurrency);
        if (round > 0) fusedSeconds.push(seconds(t));
      }
      if (round === 0) identical = sameOutputs(fixture, engineOut, plainOut);
      settleDisk();
      if (round === 0) continue;
      engineSeconds.push(e);
      plainSeconds.push(p);
    }
    const perS = (s: number[]) => round(args.chains / median(s), 1);
    const fused = fusedSeconds.length > 0;
    return {
      chains: args.chains,
      tasks: fixture.tasks,
      concurrency,
      engineSeconds: engineSeconds.map((s) => round(s, 3)),
      plainSeconds: plainSeconds.map((s) => round(s, 3)),
      fusedSeconds: fusedSeconds.map((s) => round(s, 3)),
      enginePhotosPerS: perS(engineSeconds),
      plainPhotosPerS: perS(plainSeconds),
      fusedPhotosPerS: fused ? perS(fusedSeconds) : null,
      ratio: round(median(plainSeconds) / median(engineSeconds), 3),
      ratioVsFused: fused ? round(median(fusedSeconds) / median(engineSeconds), 3) : null,
      identicalOutputs: identical,
    };
  } finally {
    scratch.remove();
  }
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
 * another's ~200 MB is being flushed. Outputs are kept until the end rather than deleted
 * here: this VM's ext4 has no journal, and without one ext4 skips every inode freed in the last
 * minute (five if its block is still dirty) when creating a file, scanning past each; deleting a
 * round's ~600 files made every create of the next rounds cost ~0.4 ms instead of ~0.03 ms.
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
