import { DEFAULT_RUN_SETTINGS, NO_FAULTS, TASK_STATUSES, type Counters } from '@contract';
import { create } from 'zustand';
import type { FaultlineState } from './types';

const EMPTY_COUNTERS: Counters = {
  byStatus: Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Counters['byStatus'],
  retries: 0,
  recoveries: 0,
  events: 0,
  throughput: 0,
};

/**
 * The renderer's one store. It holds what the engine last said (snapshot + events) and UI-only
 * state (selection, undo history, notices, replay). Actions live in the modules beside it.
 */
export const useFaultline = create<FaultlineState>()(() => ({
  connection: { kind: 'connecting', attempt: 1 },
  loaded: false,
  pipelineId: null,
  pipelineName: '',
  tasks: {},
  flowNodes: [],
  flowEdges: [],
  workers: [],
  workerSpans: [],
  run: null,
  halted: null,
  verification: null,
  verifyProgress: null,
  faults: NO_FAULTS,
  settings: DEFAULT_RUN_SETTINGS,
  counters: EMPTY_COUNTERS,
  journal: [],
  selectedId: null,
  undoStack: [],
  redoStack: [],
  notices: [],
  replay: { mode: 'live', problem: null },
  gifExport: null,
}));
