import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after } from 'node:test';
import { Engine, type RunSummary } from '../scheduler/engine.js';
import type { EngineOptions } from '../scheduler/engine-options.js';

export const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
export const BIN = join(ROOT, 'bin', 'faultline.js');
export const SAMPLE = join(ROOT, 'assets', 'sample.json');
export const PHOTOS = join(ROOT, 'assets', 'photos');

/** A fresh temp folder, removed when the test file ends. */
export function tempDir(prefix = 'faultline-test-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A folder holding a pipeline file and a copy of the sample photos under photos/. */
export function pipelineDir(pipeline: object, name = 'pipeline.json'): { dir: string; file: string } {
  const dir = tempDir();
  cpSync(PHOTOS, join(dir, 'photos'), { recursive: true });
  const file = join(dir, name);
  writeJson(file, pipeline);
  return { dir, file };
}

export function writeJson(file: string, value: unknown): void {
  writeFileSync(file, JSON.stringify(value, null, 2));
}

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/**
 * Runs the real CLI in a child process. `killWhen` is polled every 25 ms and kill -9s the child
 * once it holds: a kill that waits on state, not on time. `onStderr` sees the child's progress
 * and messages so far, each time more arrive.
 */
export function runCli(
  args: string[],
  options: { cwd?: string; killAfterMs?: number; killWhen?: () => boolean; onStderr?: (soFar: string) => void } = {},
): Promise<CliResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? ROOT, env: { ...process.env, CI: 'true' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => {
      stderr += d;
      options.onStderr?.(stderr);
    });
    const timer = options.killAfterMs === undefined ? null : setTimeout(() => child.kill('SIGKILL'), options.killAfterMs);
    const poll = options.killWhen ? setInterval(() => options.killWhen!() && child.kill('SIGKILL'), 25) : null;
    child.on('close', (code, signal) => {
      if (timer) clearTimeout(timer);
      if (poll) clearInterval(poll);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

/** sha256 of every PNG directly in dir, by file name. */
export function outputHashes(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of readdirSync(dir)
    .filter((f) => f.endsWith('.png'))
    .sort()) {
    out[f] = createHash('sha256')
      .update(readFileSync(join(dir, f)))
      .digest('hex');
  }
  return out;
}

/** Opens an engine on a temp journal, closed when the test file ends. */
export async function openEngine(
  options: Partial<EngineOptions> & { pipelinePath?: string } = {},
): Promise<{ engine: Engine; outDir: string; journalPath: string }> {
  const dir = tempDir();
  const outDir = options.outDir ?? join(dir, 'out');
  const journalPath = options.journalPath ?? join(dir, 'journal.db');
  const engine = await Engine.open({ pipelinePath: SAMPLE, ...options, outDir, journalPath });
  after(() => engine.close());
  return { engine, outDir, journalPath };
}

/** CLI flags for a run whose errors are all retried away: a third of attempts fail, seeded. */
export const RETRIED_ERRORS = ['--error-chance', '0.3', '--seed', '9', '--backoff-base-ms', '5', '--max-attempts', '10'];

/** Starts (or resumes) the run and waits for its end: what most tests do between their checks. */
export async function runToEnd(engine: Engine): Promise<RunSummary> {
  await engine.startRun();
  return engine.waitForRunEnd();
}

/**
 * Resolves once `condition` holds, checked now and after every engine event (never on a
 * timer): a test waits on state, not on time.
 */
export function whenEngine(engine: Engine, condition: () => boolean): Promise<void> {
  if (condition()) return Promise.resolve();
  return new Promise((resolve) => {
    const stop = engine.subscribe(() => {
      if (!condition()) return;
      stop();
      resolve();
    });
  });
}

let baseline: Promise<Record<string, string>> | null = null;

/** The sample pipeline's outputs from a fault-free run, computed once per test process. */
export function faultFreeSampleOutputs(): Promise<Record<string, string>> {
  baseline ??= (async () => {
    const { engine, outDir } = await openEngine();
    const summary = await runToEnd(engine);
    if (summary.run?.status !== 'completed') throw new Error('the fault-free baseline run did not complete');
    return outputHashes(outDir);
  })();
  return baseline;
}

export function eventRows(engine: Engine, where = '1 = 1'): Array<Record<string, unknown>> {
  return engine.journal.db
    .prepare(`SELECT e.*, t.node_id AS nodeId FROM events e JOIN tasks t ON t.id = e.task_id WHERE ${where} ORDER BY seq`)
    .all() as Array<Record<string, unknown>>;
}
