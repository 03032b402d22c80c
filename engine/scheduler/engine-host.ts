import type { EngineEvent, EngineSettings, Result, RunView, SettingsPatch, Snapshot } from '../contract/index.js';
import type { EngineError } from '../errors.js';
import type { Journal, RunRow } from '../journal/journal.js';
import type { EngineOptions, ResolvedEngineOptions } from './engine-options.js';
import type { EditorHost, GraphEditor } from './graph-editor.js';
import type { RunController, RunSummary } from './run-controller.js';
import type { SinkExporter } from './sink-exporter.js';

/**
 * What commands and verification ask of an open engine; the Engine facade is one. Declared
 * here, below the facade, so the parts it uses never import the facade itself.
 */
export interface EngineHost extends EditorHost {
  readonly journal: Journal;
  readonly run: RunRow | null;
  readonly halted: EngineError | null;
  readonly options: ResolvedEngineOptions;
  readonly editor: GraphEditor;
  readonly exporter: SinkExporter;
  readonly runs: RunController;
  snapshot(): Snapshot;
  changeSettings(patch: SettingsPatch, source: string): Result<EngineSettings>;
  /** The journal seq this pipeline's own events come after. */
  pipelineStartSeq(): number;
  emit(event: EngineEvent): void;
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /** Calls fn when the engine starts to close; returns how to take it back. */
  whenClosing(fn: () => void): () => void;
  startRun(): Promise<RunView>;
  waitForRunEnd(): Promise<RunSummary>;
  close(): Promise<void>;
  /** Another engine on a journal of its own (a verification's fault-free recomputation). */
  openAnother(options: EngineOptions): Promise<EngineHost>;
}
