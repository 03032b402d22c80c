import { accessSync, constants, statSync } from 'node:fs';
import { sharp } from '../ops/sharp.js';
import { isOpName, OP_SPECS, parseOpParams, type PipelineNode } from '../contract/index.js';
import { resolveSource } from './resolve-source.js';

export interface ValidationContext {
  baseDir: string;
  allowedDirs: readonly string[];
  maxPixels: number;
}

/** A node as the engine holds it: id, op, params and how many inputs are wired. */
export interface RunnableNode {
  nodeId: string;
  op: string;
  params: Record<string, unknown>;
  inputs: readonly unknown[];
}

/**
 * One thing that stops a node from running (`blocking`), or that the person should know but
 * does not stop it (an animated photo: its first frame is used). `line` names the node, for
 * messages about many.
 */
export interface NodeProblem {
  nodeId: string;
  message: string;
  line: string;
  blocking: boolean;
}

/**
 * What must hold before a run starts, beyond what the journal already guarantees (every way
 * into it, pipeline import and graph edits, checked params and refused cycles): every node has
 * as many inputs as its op takes (a canvas edit may leave one short), and every photo is there,
 * inside the allowed folders, an image, and not too large. One line per problem, naming the node.
 */
export async function runnableProblems(nodes: Iterable<RunnableNode>, ctx: ValidationContext): Promise<NodeProblem[]> {
  const perNode: NodeProblem[][] = [];
  const photos: Array<() => Promise<void>> = [];
  for (const n of nodes) {
    const mine: NodeProblem[] = [];
    perNode.push(mine);
    const arity = arityMessage(n.op, n.inputs.length);
    if (arity) mine.push({ nodeId: n.nodeId, message: arity, line: `node ${n.nodeId} (${n.op}): ${arity}`, blocking: true });
    if (n.op !== 'load' || typeof n.params.path !== 'string') continue;
    const path = n.params.path;
    photos.push(async () => {
      const found = await sourceProblem(path, ctx);
      if (found) mine.push({ nodeId: n.nodeId, message: found.message, line: `node ${n.nodeId}: ${found.message}`, blocking: found.blocking });
    });
  }
  await inParallel(photos, PHOTO_CHECKS_AT_ONCE);
  return perNode.flat();
}

/** Header reads wait on libuv's pool: a few at once hide that wait without crowding the pool. */
const PHOTO_CHECKS_AT_ONCE = 8;

async function inParallel(jobs: ReadonlyArray<() => Promise<void>>, width: number): Promise<void> {
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < jobs.length) await jobs[next++]!();
  };
  await Promise.all(Array.from({ length: Math.min(width, jobs.length) }, lane));
}

function arityMessage(op: string, inputs: number): string | null {
  if (!isOpName(op)) return `unknown op "${op}"`;
  const { min, max } = OP_SPECS[op].arity;
  if (inputs >= min && inputs <= max) return null;
  const wanted = min === max ? `${min}` : `${min} to ${max}`;
  return `takes ${wanted} input${max === 1 ? '' : 's'}, has ${inputs}`;
}

function arityProblem(id: string, op: string, inputs: number): string | null {
  const message = arityMessage(op, inputs);
  if (!message) return null;
  return isOpName(op) ? `node ${id} (${op}): ${message}` : `node ${id}: ${message}`;
}

/**
 * Op, params, arity and input references of one node: what a pipeline file is checked for.
 * Also gives the params as parsed (defaults filled), the form the journal stores.
 */
export function structuralProblems(n: PipelineNode, ids: ReadonlySet<string>): { problems: string[]; params: Record<string, unknown> } {
  if (!isOpName(n.op)) return { problems: [`node ${n.id}: unknown op "${n.op}"`], params: n.params };
  const problems: string[] = [];
  const params = parseOpParams(n.op, n.params);
  if (!params.ok) problems.push(`node ${n.id} (${n.op}): bad params: ${params.message}`);
  const arity = arityProblem(n.id, n.op, n.inputs.length);
  if (arity) problems.push(arity);
  for (const input of n.inputs) {
    if (!ids.has(input)) problems.push(`node ${n.id}: input "${input}" is not a node of this pipeline`);
    if (input === n.id) problems.push(`node ${n.id}: is its own input`);
  }
  return { problems, params: params.ok ? params.params : n.params };
}

async function sourceProblem(path: string, ctx: ValidationContext): Promise<{ message: string; blocking: boolean } | null> {
  const refuse = (message: string) => ({ message, blocking: true });
  const resolved = resolveSource(path, ctx.baseDir, ctx.allowedDirs);
  if (!resolved.ok) return refuse(resolved.message);
  try {
    accessSync(resolved.path, constants.R_OK);
  } catch {
    return refuse(`file not readable: ${path}`);
  }
  const stat = statSync(resolved.path);
  if (!stat.isFile()) return refuse(`not a file: ${path}`);
  if (stat.size === 0) return refuse(`empty file (0 bytes): ${path}`);
  try {
    // Header only: cheap, and enough to refuse non-images and oversized images up front.
    const meta = await sharp(resolved.path, { limitInputPixels: false }).metadata();
    const pixels = (meta.width ?? 0) * (meta.height ?? 0);
    if (pixels > ctx.maxPixels) {
      return refuse(`image too large: ${path} is ${meta.width}×${meta.height} (${pixels} pixels, limit ${ctx.maxPixels})`);
    }
    // sharp decodes the first page unless told otherwise: say so rather than drop frames unseen.
    if ((meta.pages ?? 1) > 1) {
      const what = meta.format === 'gif' || meta.format === 'webp' ? 'frames' : 'pages';
      return { message: `${path} has ${meta.pages} ${what}: only the first is used`, blocking: false };
    }
  } catch (e) {
    return refuse(`not an image: ${path} (${(e as Error).message})`);
  }
  return null;
}
