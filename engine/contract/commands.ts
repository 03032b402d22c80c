import { z } from 'zod';
import { FaultSettingsPatchSchema, RunSettingsPatchSchema } from './faults.js';
import { NodeIdSchema, TaskIdSchema } from './node-id.js';
import { PipelineFileSchema, type PipelineFile } from './pipeline.js';
import { TASK_STATUSES } from './status.js';
import type { EngineSettings } from './faults.js';
import type { ItemRow } from './items.js';
import type { OutputView, PhotoChoice } from './photos.js';
import type { ImageDiff, RunReport, VerificationView } from './proof.js';
import type { JournalRow, ReplayInfo, ReplayState, RunView, Snapshot } from './views.js';

const nodeId = NodeIdSchema;
const position = z.strictObject({ x: z.number().finite(), y: z.number().finite() });

/** Idle stretches of a replay longer than this (journal time) are cut to it, in the UI and the CLI. */
export const DEFAULT_MAX_IDLE_MS = 1_000;

/** Defaults below belong to one request (a page size, a thumbnail size), never to settings. */

/**
 * Every command the UI may send, with its payload schema. Hosts (Electron IPC, WebSocket)
 * validate every payload against this table before the engine sees it.
 */
export const COMMAND_SCHEMAS = {
  'graph.get': z.strictObject({}),
  'graph.addNode': z.strictObject({
    op: z.string().min(1),
    id: nodeId.optional(),
    params: z.record(z.string(), z.unknown()).optional(),
    position,
  }),
  'graph.connect': z.strictObject({ source: nodeId, target: nodeId, slot: z.number().int().min(0).max(7).optional() }),
  'graph.disconnect': z.strictObject({ target: nodeId, slot: z.number().int().min(0).max(7) }),
  'graph.removeNode': z.strictObject({ id: nodeId }),
  'graph.updateParams': z.strictObject({ id: nodeId, params: z.record(z.string(), z.unknown()) }),
  /** Many moves as one journaled edit (auto-layout, a group drag): one undo step. */
  'graph.moveNodes': z.strictObject({
    moves: z
      .array(z.strictObject({ id: nodeId, position }))
      .min(1)
      .max(100_000),
  }),
  'graph.replace': z.strictObject({ pipeline: PipelineFileSchema }),
  'graph.export': z.strictObject({}),
  'run.start': z.strictObject({}),
  'run.pause': z.strictObject({}),
  'run.resume': z.strictObject({}),
  'run.cancel': z.strictObject({}),
  /** Recompute every sink of the finished run with no faults and compare (progress as `verify` events). */
  'run.verify': z.strictObject({}),
  'run.verifyCancel': z.strictObject({}),
  /** A sink whose verdict was "different": the run's output, the fault-free one, and where they differ. */
  'run.verifyDiff': z.strictObject({ id: nodeId, size: z.number().int().min(64).max(1024).default(320) }),
  /** The summary card of the latest run: faults by kind, recoveries, time lost, verdict. */
  'run.report': z.strictObject({}),
  'task.retry': z.strictObject({ id: nodeId }),
  'task.revert': z.strictObject({ id: nodeId }),
  'task.cancel': z.strictObject({ id: nodeId }),
  /** `id`: a node, or one photo's task of a mapped node (`<node>@<key>`, from items.page). */
  'task.thumbnail': z.strictObject({ id: TaskIdSchema, size: z.number().int().min(16).max(512).default(96) }),
  /** A completed task's output at full size, with what the viewer shows beside it. */
  'task.output': z.strictObject({ id: TaskIdSchema }),
  /** A mapped node's photos, a page at a time, in path order, optionally of one status. */
  'items.page': z.strictObject({
    id: nodeId,
    offset: z.number().int().min(0).default(0),
    limit: z.number().int().min(1).max(1000).default(200),
    status: z.enum(TASK_STATUSES).optional(),
  }),
  /** Photos a load node may point at: image files in the pipeline's folder, the photo store and every allowed folder. */
  'photos.list': z.strictObject({ limit: z.number().int().min(1).max(5000).default(1000) }),
  /** A patch: only what changed; the engine merges it, validates the whole, and emits the result. */
  'faults.set': z.strictObject({
    faults: FaultSettingsPatchSchema.optional(),
    settings: RunSettingsPatchSchema.optional(),
  }),
  'journal.page': z.strictObject({
    beforeSeq: z.number().int().min(0).optional(),
    limit: z.number().int().min(1).max(1000).default(200),
    nodeId: nodeId.optional(),
    status: z.enum(TASK_STATUSES).optional(),
  }),
  'replay.info': z.strictObject({}),
  'replay.stateAt': z.strictObject({ seq: z.number().int().min(0) }),
  'replay.exportGif': z.strictObject({
    width: z.number().int().min(200).max(1920).default(800),
    fps: z.number().int().min(1).max(30).default(8),
    speed: z.number().min(0.25).max(1000).default(4),
    /** Idle stretches longer than this (journal time) are cut to it, as the CLI's --max-idle-ms. */
    maxIdleMs: z.number().int().min(0).max(3_600_000).default(DEFAULT_MAX_IDLE_MS),
  }),
} as const;

export type CommandName = keyof typeof COMMAND_SCHEMAS;
export type CommandPayload<K extends CommandName> = z.input<(typeof COMMAND_SCHEMAS)[K]>;
export type ParsedPayload<K extends CommandName> = z.output<(typeof COMMAND_SCHEMAS)[K]>;

/** What each command returns on success. */
export interface CommandResults {
  'graph.get': Snapshot;
  'graph.addNode': { id: string };
  'graph.connect': null;
  'graph.disconnect': null;
  'graph.removeNode': null;
  'graph.updateParams': null;
  'graph.moveNodes': null;
  'graph.replace': Snapshot;
  'graph.export': PipelineFile;
  'run.start': RunView;
  'run.pause': RunView;
  'run.resume': RunView;
  'run.cancel': RunView;
  'run.verify': VerificationView;
  'run.verifyCancel': null;
  'run.verifyDiff': ImageDiff;
  'run.report': RunReport | null;
  'task.retry': null;
  'task.revert': null;
  'task.cancel': null;
  'task.thumbnail': { dataUrl: string | null };
  'task.output': OutputView;
  'items.page': { rows: ItemRow[]; total: number };
  'photos.list': { photos: PhotoChoice[]; truncated: boolean };
  'faults.set': EngineSettings;
  'journal.page': { rows: JournalRow[]; hasMore: boolean };
  'replay.info': ReplayInfo;
  'replay.stateAt': ReplayState;
  /** The GIF as a data URL (browser download); Electron's main saves it through a dialog instead. */
  'replay.exportGif': { dataUrl: string; bytes: number; frames: number };
}

export const isCommandName = (name: unknown): name is CommandName => typeof name === 'string' && Object.hasOwn(COMMAND_SCHEMAS, name);

/** The request envelope on the WebSocket: an id to match the reply. */
export const RequestEnvelopeSchema = z.strictObject({
  id: z.number().int().min(0),
  command: z.string().max(64),
  payload: z.unknown(),
});
