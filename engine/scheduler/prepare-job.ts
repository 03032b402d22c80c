import { readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { FailureKind } from '../contract/index.js';
import { resolveSource } from '../graph/resolve-source.js';
import { sha256 } from '../workers/checksum.js';
import type { StoredFormat } from '../ops/image.js';
import type { TaskJob } from '../workers/messages.js';
import { contentKey } from './content-key.js';
import type { TaskGraph, TaskNode } from './task-graph.js';
import { insideFolder } from '../workers/inside-folder.js';

export interface JobPlan {
  /**
   * Null for a load whose output is its photo: nothing needs naming before it runs, and the
   * worker reads and hashes the photo anyway, so its key comes from that checksum
   * (`keyOnceRun`) instead of the main thread reading and hashing every photo a second time.
   */
  contentKey: string | null;
  /**
   * The job, whole in shape so every job object shares one layout; what is decided at dispatch
   * time (dispatch id, fault, throttle) is filled in by the scheduler as it dispatches.
   */
  job: TaskJob;
}

/** What preparing a job reads: the graph, earlier outputs, and where sources and outputs may be. */
export interface JobContext {
  readonly graph: TaskGraph;
  completedByKey(contentKey: string): { outputPath: string | null; checksum: string | null } | undefined;
  /** Outputs the corrupt fault damaged since they were written: their readers must see it. */
  readonly damagedOutputs: ReadonlySet<string>;
  readonly outDir: string;
  readonly baseDir: string;
  readonly allowedDirs: readonly string[];
  readonly maxPixels: number;
  readonly timeoutMs: number;
  readonly durable: boolean;
}

export type Prepared =
  | { kind: 'run'; plan: JobPlan }
  | { kind: 'reused'; contentKey: string; outputPath: string; checksum: string }
  | { kind: 'dead'; errorKind: FailureKind; message: string };

const sourceHashes = new Map<string, { mtimeMs: number; size: number; hash: string }>();

/**
 * The checksum of a photo whose load is stored as a PNG (a load that is a sink), cached while
 * its size and mtime stay the same.
 */
function sourceChecksum(path: string): string {
  const stat = statSync(path);
  const cached = sourceHashes.get(path);
  if (cached && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.hash;
  const hash = sha256(readFileSync(path));
  sourceHashes.set(path, { mtimeMs: stat.mtimeMs, size: stat.size, hash });
  return hash;
}

/**
 * Works out what a task needs to run: its inputs (paths + checksums to verify), its content key,
 * and whether an earlier run already produced exactly this output (then it is reused).
 */
export function prepareJob(ctx: JobContext, node: TaskNode): Prepared {
  const parents = node.inputs.map((id) => ctx.graph.get(id));
  const objects = join(ctx.outDir, '.objects');
  const inputs = parents
    .filter((p) => p.state.outputPath && p.state.checksum)
    .map((p) => ({
      path: p.state.outputPath!,
      checksum: p.state.checksum!,
      parentNodeId: p.nodeId,
      tampered: ctx.damagedOutputs.has(p.state.outputPath!),
      source: p.op === 'load' && dirname(p.state.outputPath!) !== objects,
    }));

  const writes = node.op !== 'noop';
  const format: StoredFormat = ctx.graph.isSink(node) ? 'png' : node.op === 'load' ? 'source' : 'raw';
  let sourcePath: string | null = null;
  const keyInputs = parents.map((p) => p.state.checksum ?? p.state.contentKey ?? '');
  if (node.op === 'load') {
    const resolved = resolveSource(String(node.params.path), ctx.baseDir, ctx.allowedDirs);
    if (!resolved.ok) return { kind: 'dead', errorKind: 'bad_input', message: resolved.message };
    sourcePath = resolved.path;
    if (format === 'source') {
      const job = jobFor(ctx, node, inputs, sourcePath, { path: sourcePath, format });
      return { kind: 'run', plan: { contentKey: null, job } };
    }
    try {
      keyInputs.push(sourceChecksum(sourcePath));
    } catch (e) {
      return { kind: 'dead', errorKind: 'bad_input', message: `${node.params.path}: ${(e as Error).message}` };
    }
  }

  const keyOf = (params: Record<string, unknown>) => contentKey({ op: node.op, params, inputs: keyInputs, format: writes ? format : 'none' });
  const key = keyOf(node.params);
  const output = writes ? { path: insideFolder(objects, `${key}.${format}`), format } : null;

  if (writes && !node.forceRecompute) {
    // A journal from before params were stored parsed keyed its outputs on the params as given.
    for (const earlierKey of node.paramsGiven ? [key, keyOf(node.paramsGiven)] : [key]) {
      const earlier = ctx.completedByKey(earlierKey);
      if (earlier?.checksum && earlier.outputPath && verifies(earlier.outputPath, earlier.checksum)) {
        return { kind: 'reused', contentKey: key, outputPath: earlier.outputPath, checksum: earlier.checksum };
      }
    }
  }

  return { kind: 'run', plan: { contentKey: key, job: jobFor(ctx, node, inputs, sourcePath, output) } };
}

/** The content key a completed job's output goes under. */
export function keyOnceRun(plan: JobPlan, checksum: string | null): string | null {
  if (plan.contentKey !== null || checksum === null) return plan.contentKey;
  return contentKey({ op: plan.job.op, params: plan.job.params, inputs: [checksum], format: 'source' });
}

function jobFor(ctx: JobContext, node: TaskNode, inputs: TaskJob['inputs'], sourcePath: string | null, output: TaskJob['output']): TaskJob {
  return {
    taskId: node.id,
    dispatchId: 0,
    fault: null,
    throttleMs: 0,
    nodeId: node.nodeId,
    op: node.op,
    params: node.params,
    inputs,
    sourcePath,
    output,
    maxPixels: ctx.maxPixels,
    timeoutMs: ctx.timeoutMs,
    durable: ctx.durable,
  };
}

function verifies(path: string, checksum: string): boolean {
  try {
    return sha256(readFileSync(path)) === checksum;
  } catch {
    return false;
  }
}
