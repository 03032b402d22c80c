import { layeredLayout } from '../contract/index.js';
import type { Journal } from '../journal/journal.js';
import { describeRunFaults } from './fault-summary.js';

export interface ReplayNode {
  taskId: number;
  id: string;
  op: string;
  /** Parent node ids, in slot order. */
  inputs: string[];
  position: { x: number; y: number };
}

/** The graph a replay draws: the journal's latest pipeline, as the canvas shows it now. */
export interface ReplayGraph {
  name: string;
  nodes: ReplayNode[];
  /** Where relative output paths live: the latest run's output folder. */
  outDir: string | null;
  /** The faults the latest run started with, in words. */
  faults: string | null;
}

/**
 * Reads through the Journal's own statements (only its reads). Nodes without a saved position
 * get the canvas's layered layout, so the GIF shows the picture the app shows.
 */
export function loadReplayGraph(journal: Journal): ReplayGraph {
  const pipeline = journal.latestPipeline();
  if (!pipeline) return { name: 'empty journal', nodes: [], outDir: null, faults: null };
  const tasks = journal.tasks(pipeline.id);
  const nodeIdOf = new Map(tasks.map((t) => [t.id, t.nodeId]));
  const withInputs = tasks.map((t) => ({ ...t, inputIds: t.inputs.map((p) => nodeIdOf.get(p)).filter((id): id is string => id !== undefined) }));
  const layered = layeredLayout(withInputs.map((t) => ({ id: t.nodeId, inputs: t.inputIds })));
  const run = journal.latestRun(pipeline.id);
  return {
    name: pipeline.name,
    outDir: run?.outDir ?? null,
    faults: run ? describeRunFaults(run.settings) : null,
    nodes: withInputs.map((t) => ({
      taskId: t.id,
      id: t.nodeId,
      op: t.op,
      inputs: t.inputIds,
      position: t.x !== null && t.y !== null ? { x: t.x, y: t.y } : layered.get(t.nodeId)!,
    })),
  };
}
