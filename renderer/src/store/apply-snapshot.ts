import type { Edge } from '@xyflow/react';
import { layeredLayout, type JournalRow, type Snapshot, type TaskView } from '@contract';
import { edgeId, inputHandle, OUTPUT_HANDLE } from '../canvas/handles';
import type { OpFlowNode } from '../canvas/OpNode';
import { useFaultline } from './store';
import { spansFromJournal } from './worker-spans';

/**
 * Canvas nodes from tasks. Nodes without a saved position (a freshly loaded pipeline) get the
 * shared layered layout. Unchanged nodes keep their object identity, so React Flow and the
 * memoized node components skip them.
 */
function flowNodesOf(tasks: TaskView[], previous: OpFlowNode[]): OpFlowNode[] {
  const before = new Map(previous.map((n) => [n.id, n]));
  const layout = tasks.some((t) => !t.position) ? layeredLayout(tasks) : null;
  return tasks.map((task) => {
    const position = task.position ?? layout?.get(task.id) ?? { x: 0, y: 0 };
    const old = before.get(task.id);
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

export function applySnapshot(snapshot: Snapshot): void {
  useFaultline.setState((s) => ({
    loaded: true,
    pipelineName: snapshot.pipeline.name,
    tasks: Object.fromEntries(snapshot.tasks.map((t) => [t.id, t])),
    flowNodes: flowNodesOf(snapshot.tasks, s.flowNodes),
    flowEdges: flowEdgesOf(snapshot.tasks, s.flowEdges),
    workers: snapshot.workers,
    run: snapshot.run,
    faults: snapshot.faults,
    settings: snapshot.settings,
    counters: snapshot.counters,
    selectedId: s.selectedId && snapshot.tasks.some((t) => t.id === s.selectedId) ? s.selectedId : null,
  }));
}

/** The journal panel and the worker timelines start from one page of history. */
export function applyJournalPage(rows: JournalRow[]): void {
  const ascending = [...rows].sort((a, b) => a.seq - b.seq);
  useFaultline.setState({ journal: ascending, workerSpans: spansFromJournal(ascending, []) });
}
