import type { Edge } from '@xyflow/react';
import type { JournalRow, Snapshot, TaskView } from '@contract';
import { engineSettingsArrived } from './fault-actions';
import { edgeId, inputHandle, OUTPUT_HANDLE, type OpFlowNode } from './flow-model';
import { useFaultline } from './store';
import type { FaultlineState } from './types';
import { spansFromJournal } from './worker-spans';

/**
 * Canvas nodes from tasks, at the places the engine keeps for them (it lays out a pipeline
 * without positions once, on import, so an edit never moves a node). A node the engine has no
 * place for yet stays where the canvas has it. Unchanged nodes keep their object identity, so
 * React Flow and the memoized node components skip them.
 */
function flowNodesOf(tasks: TaskView[], previous: OpFlowNode[]): OpFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  return tasks.map((task) => {
    const old = before.get(task.id);
    const position = task.position ?? old?.position ?? { x: 0, y: 0 };
    if (old && old.data.op === task.op && old.position.x === position.x && old.position.y === position.y) return old;
    return { ...old, id: task.id, type: 'op', position, data: { op: task.op } };
  });
}

function flowEdgesOf(tasks: TaskView[], previous: Edge[]): Edge[] {
  const before = new Map(previous.map((e) => [e.id, e]));
  const edges = tasks.flatMap((task) =>
    task.inputs.map((source, slot): Edge => {
      const id = edgeId(source, task.id, slot);
      return before.get(id) ?? { id, source, target: task.id, sourceHandle: OUTPUT_HANDLE, targetHandle: inputHandle(slot), type: 'status' };
    }),
  );
  const same = edges.length === previous.length && edges.every((e, i) => e === previous[i]);
  return same ? previous : edges;
}

/**
 * What belongs to one pipeline and goes when another is opened (here or in another window):
 * its journal rows, worker timelines, replay, GIF export, edit history and selection.
 */
const FRESH_PIPELINE: Partial<FaultlineState> = {
  journal: [],
  workerSpans: [],
  replay: { mode: 'live', problem: null },
  gifExport: null,
  verifyProgress: null,
  undoStack: [],
  redoStack: [],
  selectedId: null,
};

export function applySnapshot(snapshot: Snapshot): void {
  useFaultline.setState((s) => snapshotState(s, snapshot));
}

/** What a snapshot makes of the state: everything it holds, and a fresh start for another pipeline. */
export function snapshotState(s: FaultlineState, snapshot: Snapshot): Partial<FaultlineState> {
  const other = s.pipelineId !== null && s.pipelineId !== snapshot.pipeline.id;
  const kept = other ? FRESH_PIPELINE : {};
  const selectedId = other ? null : s.selectedId;
  return {
    ...kept,
    loaded: true,
    pipelineId: snapshot.pipeline.id,
    pipelineName: snapshot.pipeline.name,
    tasks: Object.fromEntries(snapshot.tasks.map((t) => [t.id, t])),
    flowNodes: flowNodesOf(snapshot.tasks, other ? [] : s.flowNodes),
    flowEdges: flowEdgesOf(snapshot.tasks, other ? [] : s.flowEdges),
    workers: snapshot.workers,
    run: snapshot.run,
    halted: snapshot.halted,
    verification: snapshot.verification,
    ...engineSettingsArrived({ faults: snapshot.faults, settings: snapshot.settings }),
    counters: snapshot.counters,
    selectedId: selectedId && snapshot.tasks.some((t) => t.id === selectedId) ? selectedId : null,
  };
}

/** The journal panel and the worker timelines start from one page of history. */
export function applyJournalPage(rows: JournalRow[]): void {
  const ascending = [...rows].sort((a, b) => a.seq - b.seq);
  useFaultline.setState({ journal: ascending, workerSpans: spansFromJournal(ascending, []) });
}
