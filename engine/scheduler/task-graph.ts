import type { TaskStatus } from '../contract/index.js';
import type { TaskDef, TaskState } from '../journal/journal.js';

/** What makes a task one photo's run of a mapped node (engine/batch/). */
export interface ItemInfo {
  /** The drawn node it is an item of. */
  template: string;
  /** The photo, relative to its folder. */
  relpath: string;
  /** A sink item's export, relative to OUT/<template>/, without .png. */
  outName: string;
}

export interface TaskNode extends TaskDef {
  children: number[];
  /**
   * A drawn node that runs per photo (a folder, or downstream of one): it never runs itself,
   * its items do; it is left out of every count and of the run's end.
   */
  template: boolean;
  /** Set on the tasks a mapped node runs, one per photo. */
  item: ItemInfo | null;
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

const noCounts = (): Record<TaskStatus, number> => ({ pending: 0, running: 0, completed: 0, failed: 0, dead: 0, blocked: 0, cancelled: 0 });

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
    template: false,
    item: null,
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
  private readonly counts: Record<TaskStatus, number> = noCounts();
  /** Per mapped node, how many of its items are in each status; kept per change like `counts`. */
  private readonly itemCounts = new Map<string, Record<TaskStatus, number>>();
  /** Mapped nodes whose item counts changed since `takeChangedItemCounts`. */
  private readonly itemsChanged = new Set<string>();

  constructor(defs: readonly TaskDef[], states: ReadonlyMap<number, TaskState>) {
    for (const def of defs) this.insert(toNode(def, states.get(def.id)));
    this.relink();
  }

  private insert(node: TaskNode): void {
    this.byId.set(node.id, node);
    this.byNodeId.set(node.nodeId, node);
    this.counts[node.state.status]++;
    this.countItem(node, 1);
  }

  private countItem(node: TaskNode, by: 1 | -1): void {
    if (!node.item) return;
    const template = node.item.template;
    let counts = this.itemCounts.get(template);
    if (!counts) this.itemCounts.set(template, (counts = noCounts()));
    counts[node.state.status] += by;
    this.itemsChanged.add(template);
  }

  /** Tells a task which photo of which mapped node it runs (known once the folder is listed). */
  setItem(node: TaskNode, item: ItemInfo): void {
    this.countItem(node, -1);
    node.item = item;
    this.countItem(node, 1);
  }

  /** A mapped node's items by status (all zero for one with no photos). */
  itemCountsOf(template: string): Record<TaskStatus, number> {
    return { ...(this.itemCounts.get(template) ?? noCounts()) };
  }

  /** The mapped nodes whose items changed status since the last call, and their counts now. */
  takeChangedItemCounts(): Record<string, Record<TaskStatus, number>> {
    const out: Record<string, Record<TaskStatus, number>> = {};
    for (const template of this.itemsChanged) out[template] = this.itemCountsOf(template);
    this.itemsChanged.clear();
    return out;
  }

  /** The one way a task's state changes, so the counts per status stay true. */
  setState(node: TaskNode, state: TaskState): void {
    if (!node.template) {
      this.counts[node.state.status]--;
      this.counts[state.status]++;
    }
    this.countItem(node, -1);
    node.state = state;
    this.countItem(node, 1);
  }

  /** Marks a drawn node as mapped (or not): a template is not counted, its items are. */
  setTemplate(node: TaskNode, template: boolean): void {
    if (node.template === template) return;
    this.counts[node.state.status] += template ? -1 : 1;
    node.template = template;
  }

  /** Many tasks at once (a folder's items): one relink, not one per task. */
  addAll(entries: ReadonlyArray<{ def: TaskDef; state: TaskState | undefined; item: ItemInfo }>): TaskNode[] {
    const added = entries.map(({ def, state, item }) => {
      const node = toNode(def, state);
      node.item = item;
      this.insert(node);
      return node;
    });
    if (added.length > 0) this.relink();
    return added;
  }

  /** Many tasks at once (photos gone from a folder); nothing else may depend on them. */
  removeAll(ids: ReadonlySet<number>): void {
    if (ids.size === 0) return;
    for (const id of ids) {
      const node = this.byId.get(id);
      if (!node) continue;
      if (node.retryTimer) clearTimeout(node.retryTimer);
      this.byId.delete(id);
      this.byNodeId.delete(node.nodeId);
      if (!node.template) this.counts[node.state.status]--;
      this.countItem(node, -1);
    }
    for (const other of this.byId.values()) if (other.inputs.some((p) => ids.has(p))) other.inputs = other.inputs.filter((p) => !ids.has(p));
    this.relink();
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
    if (!node.template) this.counts[node.state.status]--;
    this.countItem(node, -1);
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

  /** Tasks that run: every node but the mapped ones, and every item of those. */
  taskTotal(): number {
    return Object.values(this.counts).reduce((a, b) => a + b, 0);
  }
}
