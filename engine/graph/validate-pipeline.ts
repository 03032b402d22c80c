import { accessSync, constants, statSync } from 'node:fs';
import sharp from 'sharp';
import { isOpName, OP_SPECS, parseOpParams, type PipelineNode } from '../contract/index.js';
import { findCycle } from './find-cycle.js';
import { resolveSource } from './resolve-source.js';

export interface ValidationContext {
  baseDir: string;
  allowedDirs: readonly string[];
  maxPixels: number;
  /** False when params come from the journal, which only ever stores validated params. */
  checkParams?: boolean;
}

/**
 * Checks a whole pipeline before anything runs. Every problem is one line that names the node
 * and what is wrong; an empty list means the pipeline can run.
 */
export async function validatePipeline(nodes: readonly PipelineNode[], ctx: ValidationContext): Promise<string[]> {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const n of nodes) {
    if (ids.has(n.id)) problems.push(`node ${n.id}: duplicate id`);
    ids.add(n.id);
  }
  for (const n of nodes) problems.push(...structuralProblems(n, ids, ctx.checkParams ?? true));
  const cycle = findCycle(nodes);
  if (cycle) problems.push(`cycle: ${cycle.join(' → ')}`);
  for (const n of nodes) {
    if (n.op !== 'load' || typeof n.params.path !== 'string') continue;
    const problem = await sourceProblem(n.params.path, ctx);
    if (problem) problems.push(`node ${n.id}: ${problem}`);
  }
  return problems;
}

/** Op, params, arity and input references of one node: what the editor checks on each edit. */
export function structuralProblems(n: PipelineNode, ids: ReadonlySet<string>, checkParams = true): string[] {
  if (!isOpName(n.op)) return [`node ${n.id}: unknown op "${n.op}"`];
  const problems: string[] = [];
  const params = checkParams ? parseOpParams(n.op, n.params) : { ok: true as const };
  if (!params.ok) problems.push(`node ${n.id} (${n.op}): bad params: ${params.message}`);
  const { min, max } = OP_SPECS[n.op].arity;
  if (n.inputs.length < min || n.inputs.length > max) {
    const wanted = min === max ? `${min}` : `${min} to ${max}`;
    problems.push(`node ${n.id} (${n.op}): takes ${wanted} input${max === 1 ? '' : 's'}, has ${n.inputs.length}`);
  }
  for (const input of n.inputs) {
    if (!ids.has(input)) problems.push(`node ${n.id}: input "${input}" is not a node of this pipeline`);
    if (input === n.id) problems.push(`node ${n.id}: is its own input`);
  }
  return problems;
}

async function sourceProblem(path: string, ctx: ValidationContext): Promise<string | null> {
  const resolved = resolveSource(path, ctx.baseDir, ctx.allowedDirs);
  if (!resolved.ok) return resolved.message;
  try {
    accessSync(resolved.path, constants.R_OK);
  } catch {
    return `file not readable: ${path}`;
  }
  const stat = statSync(resolved.path);
  if (!stat.isFile()) return `not a file: ${path}`;
  if (stat.size === 0) return `empty file (0 bytes): ${path}`;
  try {
    // Header only: cheap, and enough to refuse non-images and oversized images up front.
    const meta = await sharp(resolved.path, { limitInputPixels: false }).metadata();
    const pixels = (meta.width ?? 0) * (meta.height ?? 0);
    if (pixels > ctx.maxPixels) {
      return `image too large: ${path} is ${meta.width}×${meta.height} (${pixels} pixels, limit ${ctx.maxPixels})`;
    }
  } catch (e) {
    return `not an image: ${path} (${(e as Error).message})`;
  }
  return null;
}
