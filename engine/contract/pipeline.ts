import { z } from 'zod';
import { NodeIdSchema } from './node-id.js';

/**
 * The pipeline file format (version 1). Stable: new fields are optional, never renamed.
 * Paths in params are relative to the pipeline file's folder.
 */
export const PipelineNodeSchema = z.strictObject({
  id: NodeIdSchema,
  op: z.string().min(1),
  params: z.record(z.string(), z.unknown()).default({}),
  /** Ordered: for overlay, base first, then top. */
  inputs: z.array(NodeIdSchema).default([]),
  /** Canvas position; the UI lays out nodes without one. */
  position: z.object({ x: z.number(), y: z.number() }).optional(),
});

export const PipelineFileSchema = z.strictObject({
  name: z.string().min(1).max(200),
  version: z.literal(1).default(1),
  nodes: z.array(PipelineNodeSchema).min(1, 'a pipeline needs at least one node'),
});

export type PipelineNode = z.output<typeof PipelineNodeSchema>;
export type PipelineFile = z.output<typeof PipelineFileSchema>;
