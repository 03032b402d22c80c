import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { PipelineFileSchema, type PipelineFile } from '../contract/index.js';
import { EngineError } from '../errors.js';

/** Reads and parses a pipeline file; every problem names the node (by id or index) and field. */
export function readPipelineFile(path: string): { pipeline: PipelineFile; baseDir: string } {
  const absolute = resolve(path);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (e) {
    throw new EngineError('pipeline_unreadable', `cannot read pipeline file ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    // Editors on Windows often save UTF-8 with a byte-order mark; JSON.parse refuses it.
    json = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    throw new EngineError('pipeline_invalid', `${path} is not valid JSON: ${(e as Error).message}`);
  }
  return { pipeline: parsePipeline(json, path), baseDir: dirname(absolute) };
}

export function parsePipeline(json: unknown, source: string): PipelineFile {
  const parsed = PipelineFileSchema.safeParse(json);
  if (parsed.success) return parsed.data;
  const nodes = (json as { nodes?: Array<{ id?: unknown }> } | null)?.nodes;
  const details = parsed.error.issues.map((issue) => {
    const [first, index, ...rest] = issue.path;
    if (first === 'nodes' && typeof index === 'number') {
      const id = nodes?.[index]?.id;
      const who = typeof id === 'string' ? `node ${id}` : `node #${index + 1}`;
      return `${who}${rest.length ? ` ${rest.join('.')}` : ''}: ${issue.message}`;
    }
    return `${issue.path.join('.') || 'file'}: ${issue.message}`;
  });
  return failInvalid(source, details);
}

function failInvalid(source: string, details: string[]): never {
  throw new EngineError('pipeline_invalid', `${source} is not a valid pipeline`, details);
}
