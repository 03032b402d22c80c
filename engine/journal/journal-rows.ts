import type { FailureKind, TaskStatus } from '../contract/index.js';

/** The journal's rows as the engine reads and writes them (journal.ts holds the statements). */

export interface TaskDef {
  id: number;
  nodeId: string;
  op: string;
  params: Record<string, unknown>;
  x: number | null;
  y: number | null;
  /** Parent task ids in slot order. */
  inputs: number[];
  /**
   * Params as a journal from before migration 0004 held them, when they differ from the parsed
   * ones: outputs computed then were keyed on these (see prepareJob's reuse).
   */
  paramsGiven: Record<string, unknown> | null;
}

export interface NewEvent {
  runId: number | null;
  taskId: number;
  status: TaskStatus;
  attempt: number;
  worker?: number | null;
  at?: number;
  contentKey?: string | null;
  outputPath?: string | null;
  checksum?: string | null;
  errorKind?: FailureKind | null;
  errorMessage?: string | null;
  message?: string | null;
  retryAt?: number | null;
  /** Faults injected at this transition, comma-separated (see migrations/0004). */
  fault?: string | null;
}

export interface RunRow {
  id: number;
  pipelineId: number;
  startedAt: number;
  endedAt: number | null;
  status: string;
  outDir: string;
  settings: string;
  outcome: string | null;
}

export interface PipelineRow {
  id: number;
  name: string;
  baseDir: string;
  /** Its events all come after this seq (see migrations/0002). */
  startSeq: number;
}

/** One journaled settings change, whole; `faults` and `settings` are JSON as the engine wrote them. */
export interface SettingsRow {
  at: number;
  eventSeq: number;
  source: string;
  faults: string;
  settings: string;
}

/** An event's values in EVENT_COLUMNS order. */
export function writeEvent(e: NewEvent, values: unknown[]): void {
  values.push(
    e.runId,
    e.taskId,
    e.status,
    e.attempt,
    e.worker ?? null,
    e.at ?? Date.now(),
    e.contentKey ?? null,
    e.outputPath ?? null,
    e.checksum ?? null,
    e.errorKind ?? null,
    e.errorMessage ?? null,
    e.message ?? null,
    e.retryAt ?? null,
    e.fault ?? null,
  );
}

/** A new task's row: pipeline, node id, op, params (parsed, as JSON), position. */
export type NewTask = [pipelineId: number, nodeId: string, op: string, params: string, x: number | null, y: number | null];
