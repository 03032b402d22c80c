import { spawn } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { OP_NAMES } from '../engine/contract/index.js';
import { Engine } from '../engine/scheduler/engine.js';
import { fromPixels, load, toPixels } from './plain-sharp-batch.js';
import { childEntry } from './shared/child.js';
import { now, peakRssMb, round, seconds } from './shared/timing.js';

/** folder → resize → blur → brightness: the params both sides use. */
const STEPS = { resize: { width: 40 }, blur: { sigma: 1 }, brightness: { factor: 1.2 } } as const;
const PHOTOS_PER_FOLDER = 1000;
const BIN = fileURLToPath(new URL('../../bin/faultline.js', import.meta.url));

/**
 * `count` small photos (64×48 PNG, each its own pixels) in subfolders of a thousand, and the
 * pipeline that maps them. Made once by the parent and shared by every child.
 */
export async function makePhotoFolder(dir: string, count: number): Promise<string> {
  const folder = join(dir, 'photos');
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < count; i = next++) {
      const pixels = Buffer.alloc(64 * 48 * 3);
      for (let p = 0; p < pixels.length; p++) pixels[p] = (p * 31 + i * 17 + (p >> 7) * i) % 256;
      const path = join(folder, `set-${Math.floor(i / PHOTOS_PER_FOLDER)}`, `photo-${i}.png`);
      mkdirSync(dirname(path), { recursive: true });
      await sharp(pixels, { raw: { width: 64, height: 48, channels: 3 } })
        .png()
        .toFile(path);
    }
  };
  await Promise.all(Array.from({ length: 8 }, lane));
  const pipeline = join(dir, `folder-${count}.json`);
  writeFileSync(
    pipeline,
    JSON.stringify({
      name: `batch of ${count}`,
      version: 1,
      nodes: [
        { id: 'photos', op: 'folder', params: { path: 'photos', recursive: true } },
        { id: 'small', op: 'resize', params: STEPS.resize, inputs: ['photos'] },
        { id: 'soft', op: 'blur', params: STEPS.blur, inputs: ['small'] },
        { id: 'bright', op: 'brightness', params: STEPS.brightness, inputs: ['soft'] },
      ],
    }),
  );
  return pipeline;
}

export interface BatchFolderArgs {
  mode: 'engine' | 'plain' | 'recovery';
  pipeline: string;
  photos: number;
  workers: number;
  tasksPerWorker: number;
  outDir: string;
}

export interface BatchFolderResult {
  mode: BatchFolderArgs['mode'];
  photos: number;
  seconds: number;
  photosPerS: number;
  peakRssMb: number;
  /** recovery: the photos done when the engine was killed. */
  doneAtKill?: number;
}

/** Every worker takes every op: the same lanes as the plain script's. */
const ANY_OP: string[][] = [[...OP_NAMES]];

async function batchFolder(args: BatchFolderArgs): Promise<BatchFolderResult> {
  if (args.mode === 'plain') return plainSharp(args);
  if (args.mode === 'recovery') return recovery(args);
  const t = now();
  const engine = await openEngine(args, 'journal.db');
  try {
    await engine.startRun();
    const summary = await engine.waitForRunEnd();
    if (summary.run?.status !== 'completed') throw new Error(`the batch ended ${summary.run?.status}: ${summary.problems.slice(0, 3).join('; ')}`);
  } finally {
    await engine.close();
  }
  const elapsed = seconds(t);
  return { mode: 'engine', photos: args.photos, seconds: round(elapsed, 2), photosPerS: round(args.photos / elapsed, 1), peakRssMb: peakRssMb() };
}

function openEngine(args: BatchFolderArgs, journal: string): Promise<Engine> {
  return Engine.open({
    journalPath: join(args.outDir, journal),
    outDir: args.outDir,
    pipelinePath: args.pipeline,
    settings: { workers: args.workers },
    tasksPerWorker: args.tasksPerWorker,
    affinity: ANY_OP,
    resumeInterruptedRun: false,
  });
}

/** The hand-written baseline at the same concurrency: the same sharp calls, pixels kept in memory, one PNG per photo. */
async function plainSharp(args: BatchFolderArgs): Promise<BatchFolderResult> {
  const root = join(dirname(args.pipeline), 'photos');
  const photos = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.png'))
    .sort();
  const t = now();
  let next = 0;
  const lane = async () => {
    for (let i = next++; i < photos.length; i = next++) {
      const rel = photos[i]!;
      const resized = await toPixels(fromPixels(await load(join(root, rel))).resize({ ...STEPS.resize, fit: 'cover', kernel: 'lanczos3' }));
      const blurred = await toPixels(fromPixels(resized).blur(STEPS.blur.sigma));
      const bright = await toPixels(fromPixels(blurred).modulate({ brightness: STEPS.brightness.factor }));
      const png = await fromPixels(bright).png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }).toBuffer();
      const out = join(args.outDir, 'bright', rel);
      mkdirSync(dirname(out), { recursive: true });
      await writeFile(out, png);
    }
  };
  await Promise.all(Array.from({ length: args.workers * args.tasksPerWorker }, lane));
  const elapsed = seconds(t);
  return { mode: 'plain', photos: photos.length, seconds: round(elapsed, 2), photosPerS: round(photos.length / elapsed, 1), peakRssMb: peakRssMb() };
}

/**
 * kill -9 of `faultline run` once half the photos are done, then the time a new engine takes
 * from open to the run going again (journal opened, folder listed, items matched, recovery
 * done, run resumed).
 */
async function recovery(args: BatchFolderArgs): Promise<BatchFolderResult> {
  const journal = join(args.outDir, 'journal.db');
  const child = spawn(process.execPath, [BIN, 'run', args.pipeline, '--journal', journal, '--out', args.outDir, '--workers', String(args.workers)], {
    stdio: 'ignore',
  });
  const doneAtKill = await new Promise<number>((resolve) => {
    const poll = setInterval(() => {
      const done = completedSinks(journal);
      if (done < args.photos / 2) return;
      child.kill('SIGKILL');
      clearInterval(poll);
      resolve(done);
    }, 100);
  });
  await new Promise((resolve) => child.once('exit', resolve));
  const t = now();
  const engine = await openEngine({ ...args }, 'journal.db');
  try {
    await engine.startRun();
    const elapsed = seconds(t);
    return { mode: 'recovery', photos: args.photos, seconds: round(elapsed, 2), photosPerS: 0, peakRssMb: peakRssMb(), doneAtKill };
  } finally {
    await engine.close();
  }
}

function completedSinks(journal: string): number {
  try {
    const db = new Database(journal, { readonly: true, fileMustExist: true });
    try {
      const row = db
        .prepare(`SELECT count(*) AS n FROM task_state s JOIN tasks t ON t.id = s.task_id WHERE s.status = 'completed' AND t.node_id LIKE 'bright@%'`)
        .get() as { n: number };
      return row.n;
    } finally {
      db.close();
    }
  } catch {
    return 0; // not created yet, or busy for a moment
  }
}

/** Both sides wrote the very same PNG for every photo (checked once, outside the timing). */
export function sameOutputs(engineOut: string, plainOut: string): boolean {
  const files = readdirSync(join(plainOut, 'bright'), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.png'));
  return files.length > 0 && files.every((f) => readFileSync(join(engineOut, 'bright', f)).equals(readFileSync(join(plainOut, 'bright', f))));
}

childEntry(import.meta.url, batchFolder);
