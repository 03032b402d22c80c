import type { TaskStatus } from '../contract/index.js';
import type { TaskDef, TaskState } from '../journal/journal.js';

export interface TaskNode extends TaskDef {
  children: number[];
  state: TaskState;
  /** Set by a revert: skip the content-key cache once, so the user sees it really re-run. */
  forceRecompute: boolean;
  retryTimer: NodeJS.Timeout | null;
  queued: boolean;
}

const blankState = (taskId: number): TaskState => ({
  taskId,
  status: 'pending',
  attempt: 0,
  worker: null,
  at: 0,
  contentKey: null,
  outputPath: null,
  checksum: null,
  errorKind: null,
  errorMessage: null,
  message: null,
  retryAt: null,
  lastSeq: 0,
  eventCount: 0,
});

/** Builds the node field by field: on open this runs 100,000 times, and a spread costs. */
function toNode(def: TaskDef, state: TaskState | undefined): TaskNode {
  return {
    id: def.id,
    nodeId: def.nodeId,
    op: def.op,
    params: def.params,
    x: def.x,
    y: def.y,
    inputs: def.inputs,
    paramsGiven: def.paramsGiven,
    children: [],
    state: state ?? blankState(def.id),
    forceRecompute: false,
    retryTimer: null,
    queued: false,
  };
}

/** The pipeline in memory: definitions joined with projected state, and who depends on whom. */
export class TaskGraph {
  readonly byId = new Map<number, TaskNode>();
  readonly byNodeId = new Map<string, TaskNode>();
  /** Kept per change, not counted per call: the counters go to the UI after every journal commit. */
  private readonly counts: Record<TaskStatus, number> = { pending: 0, running: 0, completed: 0, failed: 0, dead: 0, blocked: 0, cancelled: 0 };

  constructor(defs: readonly TaskDef[], states: ReadonlyMap<number, TaskState>) {
    for (const def of defs) this.insert(toNode(def, states.get(def.id)));
    this.relink();
  }

  private insert(node: TaskNode): void {
    this.byId.set(node.id, node);
    this.byNodeId.set(node.nodeId, node);
    this.counts[node.state.status]++;
  }

  /** The one way a task's state changes, so the counts per status stay true. */
  setState(node: TaskNode, state: TaskState): void {
    this.counts[node.state.status]--;
    this.counts[state.status]++;
    node.state = state;
  }

  relink(): void {
    for (const node of this.byId.values()) node.children = [];
    for (const node of this.byId.values()) {
      for (const parent of node.inputs) this.byId.get(parent)?.children.push(node.id);
    }
  }

  add(def: TaskDef, state?: TaskState): TaskNode {
    const node = toNode(def, state);
    this.insert(node);
    this.relink();
    return node;
  }

  remove(id: number): void {
    const node = this.byId.get(id);
    if (!node) return;
    if (node.retryTimer) clearTimeout(node.retryTimer);
    this.byId.delete(id);
    this.byNodeId.delete(node.nodeId);
    this.counts[node.state.status]--;
    for (const other of this.byId.values()) other.inputs = other.inputs.filter((p) => p !== id);
    this.relink();
  }

  get(id: number): TaskNode {
    const node = this.byId.get(id);
    if (!node) throw new Error(`no task ${id}`);
    return node;
  }

  isSink(node: TaskNode): boolean {
    return node.children.length === 0;
  }

  parentsCompleted(node: TaskNode): boolean {
    return node.inputs.every((p) => this.byId.get(p)?.state.status === 'completed');
  }

  /** Every task downstream of id, nearest first. */
  descendants(id: number): TaskNode[] {
    const seen = new Set<number>();
    const order: TaskNode[] = [];
    const queue = [...this.get(id).children];
    for (let head = 0; head < queue.length; head++) {
      const next = queue[head]!;
      if (seen.has(next)) continue;
      seen.add(next);
      const node = this.get(next);
      order.push(node);
      queue.push(...node.children);
    }
    return order;
  }

  /** Would wiring source → target close a loop? */
  reaches(from: number, to: number): boolean {
    return from === to || this.descendants(from).some((n) => n.id === to);
  }

  countByStatus(): Record<TaskStatus, number> {
    return { ...this.counts };
  }
}
