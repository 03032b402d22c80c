import type { Edge } from '@xyflow/react';
import type {
  CommandName,
  CommandPayload,
  Counters,
  ItemCounts,
  FaultSettings,
  JournalRow,
  ReplayInfo,
  ReplayState,
  RunSettings,
  RunView,
  TaskStatus,
  TaskView,
  VerificationView,
  VerifyProgress,
  WorkerView,
} from '@contract';
import type { ConnectionState } from '../transport/transport';
import type { OpFlowNode } from './flow-model';

export interface Notice {
  id: number;
  tone: 'error' | 'info';
  text: string;
}

/** One task held by one worker, from its `running` event to the event that ended it. */
export interface WorkerSpan {
  worker: number;
  nodeId: string;
  start: number;
  end: number | null;
  outcome: TaskStatus | null;
}

/** A contract command with its payload, as stored in the undo history. */
export type CommandCall = { [K in CommandName]: { name: K; payload: CommandPayload<K> } }[CommandName];

/** One undoable edit: the commands that made it and the commands that take it back. */
export interface Edit {
  label: string;
  forward: CommandCall[];
  backward: CommandCall[];
}

export type PlaySpeed = 1 | 4 | 16;
/** A task as of a past moment; a mapped node's is its photos' aggregate, with their counts. */
export type ReplayTask = ReplayState['tasks'][number] & { items?: ItemCounts };

/** Live shows the engine as it is; scrub shows the journal as of one event. */
export type ReplayView =
  | { mode: 'live'; problem: string | null }
  | {
      mode: 'scrub';
      info: ReplayInfo;
      seq: number;
      state: ReplayState | null;
      tasks: Record<string, ReplayTask>;
      speed: PlaySpeed | null;
      problem: string | null;
    };

export interface GifExport {
  done: number;
  total: number;
  finished: boolean;
  error: string | null;
}

export interface FaultlineState {
  connection: ConnectionState;
  /** False until the first graph.get answers: the canvas shows a loading state until then. */
  loaded: boolean;
  /** The engine's id of the pipeline shown; null before the first snapshot. */
  pipelineId: number | null;
  pipelineName: string;
  tasks: Record<string, TaskView>;
  /** Structure only (id, op, position): status changes never touch these arrays. */
  flowNodes: OpFlowNode[];
  flowEdges: Edge[];
  workers: WorkerView[];
  workerSpans: WorkerSpan[];
  run: RunView | null;
  /** Why the engine stopped deciding (its journal's storage failed), or null. */
  halted: string | null;
  /** The latest verdict on the latest run (null: not verified). */
  verification: VerificationView | null;
  /** A verification under way, or how the last one ended (cancelled, failed). */
  verifyProgress: VerifyProgress | null;
  faults: FaultSettings;
  settings: RunSettings;
  counters: Counters;
  journal: JournalRow[];
  selectedId: string | null;
  undoStack: Edit[];
  redoStack: Edit[];
  notices: Notice[];
  replay: ReplayView;
  gifExport: GifExport | null;
}
