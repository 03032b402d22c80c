import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
// Type-only: the contract's runtime pulls in zod and every schema, which each worker thread
// would otherwise compile at start-up (~80 ms of CPU per thread) without needing it.
import type { FailureKind } from '../contract/index.js';
import { decodeSource, decodeStored, encodeStored, isPipelineTimeout, setPipelineTimeout, type Image } from '../ops/image.js';
import { BadInputError, BadParamsError } from '../ops/op-errors.js';
import { runOp } from '../ops/registry.js';
import { PixelCache } from './pixel-cache.js';
import { writeFileAtomic } from './atomic-write.js';
import { sha256 } from './checksum.js';
import { PANIC_EXIT_CODE } from './exit-codes.js';
import type { TaskJob, TaskOutcome } from './messages.js';

class InputFailure extends Error {
  constructor(
    readonly kind: 'input_missing' | 'input_corrupt',
    message: string,
    readonly parentNodeId: string,
  ) {
    super(message);
  }
}

/** Runs one job inside a worker thread. Never throws: every failure becomes an outcome. */
export async function runTask(job: TaskJob): Promise<TaskOutcome> {
  try {
    setPipelineTimeout(job.timeoutMs);
    if (job.throttleMs > 0) await sleep(job.throttleMs);
    injectFault(job);
    const inputs = await Promise.all(job.inputs.map((input) => readInput(input, job.maxPixels)));
    const source = job.sourcePath === null ? null : readSource(job.sourcePath, String(job.params.path));
    const image = await runOp(job.op, job.params, inputs, { source, maxPixels: job.maxPixels });
    if (!job.output || !image) return { taskId: job.taskId, dispatchId: job.dispatchId, ok: true, checksum: null, outputPath: null, bytes: 0 };
    if (job.output.format === 'source' && source) {
      // Nothing to write: the output is the photo, named by the checksum of the bytes decoded.
      const checksum = sha256(source);
      recent.put(job.output.path, checksum, image);
      return { taskId: job.taskId, dispatchId: job.dispatchId, ok: true, checksum, outputPath: job.output.path, bytes: 0 };
    }
    const parts = await encodeStored(image, job.output.format);
    writeFileAtomic(job.output.path, parts, job.durable);
    const checksum = sha256(...parts);
    if (job.output.format === 'raw') recent.put(job.output.path, checksum, image);
    const bytes = parts.reduce((n, p) => n + p.length, 0);
    return { taskId: job.taskId, dispatchId: job.dispatchId, ok: true, checksum, outputPath: job.output.path, bytes };
  } catch (e) {
    return { taskId: job.taskId, dispatchId: job.dispatchId, ok: false, ...describeFailure(e) };
  }
}

function injectFault(job: TaskJob): void {
  switch (job.fault) {
    case 'error':
      throw new InjectedError(`injected error in ${job.op}`);
    case 'panic':
      // In a worker thread process.exit ends only the thread, at once, with no reply sent:
      // exactly what the pool sees when a thread dies of a real bug.
      process.exit(PANIC_EXIT_CODE);
    // falls through: never reached, process.exit does not return
    case 'hang':
      // Blocks the thread's event loop: no result, no heartbeats, until the pool terminates it.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0);
      break;
    case null:
      break;
  }
}

class InjectedError extends Error {}

/** Per thread: a chain's next task usually runs on the thread that made its input. */
const recent = new PixelCache(64 * 1024 * 1024);

function readSource(path: string, named: string): Buffer {
  try {
    return readFileSync(path);
  } catch (e) {
    throw new BadInputError(`${named}: cannot read the photo (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

async function readInput(input: TaskJob['inputs'][number], maxPixels: number): Promise<Image> {
  const held = input.tampered ? undefined : recent.get(input.path, input.checksum);
  if (held) return held;
  let bytes: Buffer;
  try {
    bytes = readFileSync(input.path); // synchronous for the reason given in atomic-write.ts
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
      throw new InputFailure('input_missing', `output of ${input.parentNodeId} is missing`, input.parentNodeId);
    }
    throw e;
  }
  if (sha256(bytes) !== input.checksum) {
    throw new InputFailure('input_corrupt', `output of ${input.parentNodeId} fails its checksum`, input.parentNodeId);
  }
  const image = input.source ? await decodeSource(bytes, maxPixels) : await decodeStored(bytes);
  recent.put(input.path, input.checksum, image);
  return image;
}

function describeFailure(e: unknown): { kind: FailureKind; message: string; parentNodeId?: string } {
  const message = e instanceof Error ? e.message : String(e);
  if (e instanceof InputFailure) return { kind: e.kind, message, parentNodeId: e.parentNodeId };
  if (e instanceof InjectedError) return { kind: 'injected_error', message };
  if (e instanceof BadInputError) return { kind: 'bad_input', message };
  if (e instanceof BadParamsError) return { kind: 'bad_params', message };
  if (isPipelineTimeout(e)) return { kind: 'timeout', message: `libvips stopped the op at the task timeout (${message})` };
  return { kind: 'op_error', message };
}
