import { isOpName, OP_SPECS, parseOpParams, type PipelineFile, type Result, fail, ok } from '../contract/index.js';
import { EngineError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import type { Ledger } from './ledger.js';
import { applyDefinitions, assertStructure } from './sync-pipeline.js';
import type { TaskGraph, TaskNode } from './task-graph.js';
import type { TaskScheduler } from './task-scheduler.js';

/** What editing needs of the engine (the Engine facade is one). */
export interface EditorHost {
  readonly journal: Journal;
  readonly graph: TaskGraph;
  readonly pipelineId: number;
  readonly pipelineName: string;
  readonly baseDir: string;
  readonly ledger: Ledger;
  readonly scheduler: TaskScheduler;
  isRunActive(): boolean;
  switchPipeline(pipelineId: number, name: string): void;
  schedulePump(): void;
  /** Tells every UI the graph changed; `revalidate`: check again what each node lacks. */
  graphChanged(revalidate: boolean): void;
}

/**
 * Edits from the canvas. Each is journaled (definitions + graph_edits) and resets the tasks it
 * affects to pending, so the next run recomputes exactly those. A task that is running cannot
 * be edited until it finishes: its result would no longer match its definition.
 */
export class GraphEditor {
  constructor(private readonly engine: EditorHost) {}

  pipelineFile(): PipelineFile {
    const { graph } = this.engine;
    return {
      name: this.engine.pipelineName,
      version: 1,
      nodes: [...graph.byId.values()]
        .filter((n) => !n.item)
        .map((n) => ({
          id: n.nodeId,
          op: n.op,
          params: n.params,
          inputs: n.inputs.map((p) => graph.get(p).nodeId),
          ...(n.x !== null && n.y !== null ? { position: { x: n.x, y: n.y } } : {}),
        })),
    };
  }

  addNode(op: string, params: Record<string, unknown> | undefined, position: { x: number; y: number }, wantedId?: string): Result<{ id: string }> {
    if (!isOpName(op)) return fail('bad_params', `unknown op "${op}"`);
    const parsed = parseOpParams(op, { ...OP_SPECS[op].defaults, ...params });
    if (!parsed.ok) return fail('bad_params', `${op}: ${parsed.message}`);
    const id = wantedId ?? this.freshId(op);
    if (this.engine.graph.byNodeId.has(id)) return fail('graph_invalid', `a node named ${id} already exists`);
    const { journal, pipelineId } = this.engine;
    const taskId = journal.transaction(() => {
      const taskId = journal.upsertTask(pipelineId, id, op, parsed.params, position.x, position.y);
      journal.setInputs(taskId, []);
      journal.recordEdit(pipelineId, 'addNode', { id, op, params: parsed.params, position });
      return taskId;
    });
    // A node added under the id of a removed one gets its history (and state) back.
    this.engine.graph.add(
      { id: taskId, nodeId: id, op, params: parsed.params, x: position.x, y: position.y, inputs: [], paramsGiven: null },
      journal.stateOf(taskId),
    );
    this.resetFrom(this.engine.graph.get(taskId), 'added');
    this.changed();
    return ok({ id });
  }

  connect(sourceId: string, targetId: string, slot?: number): Result<null> {
    const found = this.find(sourceId, targetId);
    if (!found.ok) return found;
    const [source, target] = found.value;
    const { max } = OP_SPECS[target.op as keyof typeof OP_SPECS].arity;
    const at = slot ?? target.inputs.length;
    if (at >= max) {
      return fail(
        'graph_invalid',
        max === 0 ? `${target.op} takes no inputs` : `${target.nodeId} (${target.op}) takes at most ${max} input${max === 1 ? '' : 's'}`,
      );
    }
    if (at > target.inputs.length) return fail('graph_invalid', `slot ${at} of ${target.nodeId}: fill slot ${target.inputs.length} first`);
    if (this.engine.graph.reaches(target.id, source.id)) {
      return fail('graph_invalid', `connecting ${source.nodeId} → ${target.nodeId} would make a cycle`);
    }
    const busy = this.busy(target);
    if (busy) return busy;
    const inputs = [...target.inputs];
    inputs[at] = source.id;
    return this.setInputs(target, inputs, 'connect', { source: sourceId, target: targetId, slot: at });
  }

  disconnect(targetId: string, slot: number): Result<null> {
    const target = this.engine.graph.byNodeId.get(targetId);
    if (!target) return fail('not_found', `no node ${targetId}`);
    if (slot >= target.inputs.length) return fail('not_found', `${targetId} has no input in slot ${slot}`);
    const busy = this.busy(target);
    if (busy) return busy;
    const inputs = target.inputs.filter((_, i) => i !== slot);
    return this.setInputs(target, inputs, 'disconnect', { target: targetId, slot });
  }

  removeNode(nodeId: string): Result<null> {
    const node = this.engine.graph.byNodeId.get(nodeId);
    if (!node) return fail('not_found', `no node ${nodeId}`);
    const busy = this.busy(node);
    if (busy) return busy;
    const children = node.children.map((c) => this.engine.graph.get(c));
    const { journal, pipelineId, graph } = this.engine;
    journal.transaction(() => {
      journal.removeTask(node.id);
      for (const child of children)
        journal.setInputs(
          child.id,
          child.inputs.filter((p) => p !== node.id),
        );
      journal.recordEdit(pipelineId, 'removeNode', { id: nodeId });
    });
    graph.remove(node.id);
    for (const child of children) this.resetFrom(child, `input ${nodeId} removed`);
    this.changed();
    return ok(null);
  }

  updateParams(nodeId: string, params: Record<string, unknown>): Result<null> {
    const node = this.engine.graph.byNodeId.get(nodeId);
    if (!node) return fail('not_found', `no node ${nodeId}`);
    if (!isOpName(node.op)) return fail('bad_params', `unknown op "${node.op}"`);
    const parsed = parseOpParams(node.op, params);
    if (!parsed.ok) return fail('bad_params', `${nodeId} (${node.op}): ${parsed.message}`);
    const busy = this.busy(node);
    if (busy) return busy;
    const { journal, pipelineId } = this.engine;
    journal.transaction(() => {
      journal.updateParams(node.id, parsed.params);
      journal.recordEdit(pipelineId, 'updateParams', { id: nodeId, params: parsed.params });
    });
    node.params = parsed.params;
    node.paramsGiven = null;
    this.resetFrom(node, 'params changed');
    this.changed();
    return ok(null);
  }

  /** Moves are journaled as one edit and sent to every UI (a layout or an undo moves nodes the page did not drag). */
  moveNodes(moves: ReadonlyArray<{ id: string; position: { x: number; y: number } }>): Result<null> {
    const { graph, journal, pipelineId } = this.engine;
    const missing = moves.find((m) => !graph.byNodeId.has(m.id));
    if (missing) return fail('not_found', `no node ${missing.id}`);
    journal.transaction(() => {
      for (const m of moves) journal.moveTask(graph.byNodeId.get(m.id)!.id, m.position.x, m.position.y);
      journal.recordEdit(pipelineId, 'moveNodes', { moves });
    });
    for (const m of moves) {
      const node = graph.byNodeId.get(m.id)!;
      node.x = m.position.x;
      node.y = m.position.y;
    }
    this.changed(false);
    return ok(null);
  }

  /**
   * Opens another pipeline into the journal as a new pipeline: its runs, counters, journal panel
   * and replay start empty. Unchanged work is still found by content key, never recomputed.
   */
  replace(pipeline: PipelineFile): Result<null> {
    if (this.engine.isRunActive()) return fail('busy', 'stop or finish the run before opening another pipeline');
    let nodes: PipelineFile['nodes'];
    try {
      nodes = assertStructure(pipeline, pipeline.name);
    } catch (e) {
      if (e instanceof EngineError) return fail('graph_invalid', e.describe());
      throw e;
    }
    const { journal } = this.engine;
    const pipelineId = journal.transaction(() => {
      const id = journal.createPipeline(pipeline.name, this.engine.baseDir);
      applyDefinitions(journal, id, nodes, 'replace');
      return id;
    });
    this.engine.switchPipeline(pipelineId, pipeline.name);
    this.changed();
    return ok(null);
  }

  private setInputs(target: TaskNode, inputs: number[], kind: string, payload: unknown): Result<null> {
    const { journal, pipelineId, graph } = this.engine;
    journal.transaction(() => {
      journal.setInputs(target.id, inputs);
      journal.recordEdit(pipelineId, kind, payload);
    });
    target.inputs = inputs;
    graph.relink();
    this.resetFrom(target, 'inputs changed');
    this.changed();
    return ok(null);
  }

  private find(sourceId: string, targetId: string): Result<[TaskNode, TaskNode]> {
    const source = this.engine.graph.byNodeId.get(sourceId);
    const target = this.engine.graph.byNodeId.get(targetId);
    if (!source) return fail('not_found', `no node ${sourceId}`);
    if (!target) return fail('not_found', `no node ${targetId}`);
    return ok([source, target]);
  }

  private busy(node: TaskNode): Result<never> | null {
    if (node.state.status === 'running') return fail('busy', `${node.nodeId} is running; edit it when it has finished`);
    const running = node.template ? this.engine.graph.itemCountsOf(node.nodeId).running : 0;
    return running > 0 ? fail('busy', `${running} of ${node.nodeId}'s photos are running; edit it when they have finished`) : null;
  }

  /**
   * The edited task and everything downstream go back to pending with fresh attempts. What
   * turns out unchanged is then reused by its content key, not recomputed.
   */
  resetFrom(node: TaskNode, why: string): void {
    const { graph } = this.engine;
    for (const n of [node, ...graph.descendants(node.id)]) {
      if (n.state.status === 'running') continue;
      if (n.state.status !== 'pending' || n.state.attempt !== 0) this.engine.ledger.transition(n, 'pending', { attempt: 0, message: why });
      this.engine.scheduler.offer(n);
    }
    this.engine.ledger.flush();
    this.engine.schedulePump();
  }

  private freshId(op: string): string {
    for (let i = 1; ; i++) if (!this.engine.graph.byNodeId.has(`${op}-${i}`)) return `${op}-${i}`;
  }

  /** Tells every UI; an edit that can change what a node lacks (not a move) has the graph checked again. */
  private changed(revalidate = true): void {
    this.engine.graphChanged(revalidate);
  }
}
