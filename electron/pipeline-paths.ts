import { isAbsolute, resolve } from 'node:path';
import type { PipelineFile } from '../engine/contract/index.js';

/**
 * Photo paths in a pipeline file are relative to the file's folder. The engine resolves them
 * against its own pipeline's folder, so a file opened from elsewhere gets them made absolute.
 */
export function absolutizeLoadPaths(pipeline: PipelineFile, fileDir: string): PipelineFile {
  return {
    ...pipeline,
    nodes: pipeline.nodes.map((node) => {
      const path = node.params['path'];
      if (node.op !== 'load' || typeof path !== 'string' || isAbsolute(path)) return node;
      return { ...node, params: { ...node.params, path: resolve(fileDir, path) } };
    }),
  };
}
