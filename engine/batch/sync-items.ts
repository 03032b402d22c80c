import { isOpName, parseOpParams } from '../contract/index.js';
import type { Journal } from '../journal/journal.js';
import type { Ledger } from '../scheduler/ledger.js';
import type { TaskGraph, TaskNode } from '../scheduler/task-graph.js';
import { isItemId } from '../contract/items.js';
import { expandItems, type DrawnNode, type ItemTask } from './expand-items.js';
import { listFolder } from './list-folder.js';

export interface BatchHost {
  readonly journal: Journal;
  readonly graph: TaskGraph;
  readonly ledger: Ledger;
  readonly pipelineId: number;
  readonly baseDir: string;
  readonly allowedDirs: readonly string[];
}

/** What the last sync found: said in the run's summary and on the canvas. */
export interface BatchReport {
  /** Per folder node: photos found, and those left out (a link pointing outside the allowed folders). */
  folders: Array<{ nodeId: string; photos: number; skipped: string[] }>;
  added: number;
  /** Photos gone from their folder since the last sync: their tasks are removed, their outputs left alone. */
  removed: string[];
  /** Items whose definition changed (a template's params edited): reset with what follows them. */
  changed: number;
  /** Photos whose output keeps its extension, since another photo has the same name without it. */
  collisions: string[];
  /** Drawn nodes that cannot run: a folder that is not there, a node fed from two folders. */
  problems: Array<{ nodeId: string; message: string }>;
}

export const NO_BATCH: BatchReport = { folders: [], added: 0, removed: [], changed: 0, collisions: [], problems: [] };

/**
 * Makes the journal's item tasks match the folders as they are now and the drawn nodes as they
 * are now, in one transaction: a new photo gets its tasks, a photo gone loses them (journaled as
 * removed; its outputs stay where they are), an item whose template changed is reset with its
 * descendants. An unchanged photo's tasks keep their state, so it is never recomputed; an edited
 * photo is found by the load's own check (photo-edits.ts) and recomputes its chain.
 */
export function syncItems(host: BatchHost): BatchReport {
  const { graph, journal, pipelineId } = host;
  // No folder and no items, the common case: settled without building anything (it runs at
  // every open, run start and edit, over every task).
  let batch = false;
  for (const n of graph.byId.values()) if (n.op === 'folder' || isItemId(n.nodeId)) batch = true;
  if (!batch) return NO_BATCH;
  const drawn: DrawnNode[] = [];
  for (const n of graph.byId.values()) {
    if (!isItemId(n.nodeId)) drawn.push({ nodeId: n.nodeId, op: n.op, params: n.params, inputs: n.inputs.map((p) => graph.get(p).nodeId) });
  }
  const folders = drawn.filter((n) => n.op === 'folder');

  const report: BatchReport = { ...NO_BATCH, folders: [], removed: [], collisions: [], problems: [] };
  const listings = new Map<string, { root: string; items: string[] }>();
  for (const f of folders) {
    const params = folderParams(f);
    const listed = params ? listFolder(params, host.baseDir, host.allowedDirs) : { ok: false as const, message: 'bad params' };
    if (!listed.ok) {
      report.problems.push({ nodeId: f.nodeId, message: listed.message });
      continue;
    }
    listings.set(f.nodeId, listed.listing);
    report.folders.push({ nodeId: f.nodeId, photos: listed.listing.items.length, skipped: listed.listing.skipped });
  }
  const expansion = expandItems(drawn, listings);
  report.problems.push(...expansion.problems);
  for (const n of graph.byId.values()) if (!isItemId(n.nodeId)) graph.setTemplate(n, expansion.mapped.has(n.nodeId));

  const wanted = new Map(expansion.items.map((i) => [i.nodeId, i]));
  const gone = new Set<number>();
  for (const n of graph.byId.values()) {
    if (!isItemId(n.nodeId) || wanted.has(n.nodeId)) continue;
    gone.add(n.id);
    if (n.item && n.op === 'load') report.removed.push(n.item.relpath);
  }
  const changed: TaskNode[] = [];
  journal.transaction(() => {
    for (const id of gone) journal.removeTask(id);
    if (gone.size > 0) journal.recordEdit(pipelineId, 'items removed', { photos: report.removed });
    const fresh: ItemTask[] = [];
    for (const item of expansion.items) {
      const node = graph.byNodeId.get(item.nodeId);
      if (!node) fresh.push(item);
      else graph.setItem(node, { template: item.template, relpath: item.relpath, outName: item.outName });
    }
    const added = graph.addAll(
      fresh.map((item) => {
        const id = journal.upsertTask(pipelineId, item.nodeId, item.op, item.params, null, null);
        const def = { id, nodeId: item.nodeId, op: item.op, params: item.params, x: null, y: null, inputs: [], paramsGiven: null };
        return { def, state: journal.stateOf(id), item: { template: item.template, relpath: item.relpath, outName: item.outName } };
      }),
    );
    report.added = added.length;
    const isNew = new Set(added);
    // Inputs once every item has its id: an item's parents are items too.
    for (const item of expansion.items) {
      const node = graph.byNodeId.get(item.nodeId)!;
      const inputs = item.inputs.map((p) => graph.byNodeId.get(p)!.id);
      const params = JSON.stringify(item.params);
      const adding = isNew.has(node);
      if (!adding && node.op === item.op && JSON.stringify(node.params) === params && sameInputs(node.inputs, inputs)) continue;
      if (!adding) {
        journal.upsertTask(pipelineId, item.nodeId, item.op, item.params, null, null);
        node.op = item.op;
        node.params = item.params;
        changed.push(node);
      }
      journal.setInputs(node.id, inputs, adding);
      node.inputs = inputs;
    }
  });
  graph.removeAll(gone);
  graph.relink();
  report.changed = changed.length;
  for (const node of changed) {
    for (const n of [node, ...graph.descendants(node.id)]) {
      if (n.state.status !== 'pending' || n.state.attempt > 0) host.ledger.transition(n, 'pending', { attempt: 0, message: 'definition changed' });
    }
  }
  report.collisions = expansion.items.filter((i) => i.op === 'load' && i.outName === i.relpath).map((i) => i.relpath);
  return report;
}

function folderParams(n: DrawnNode): { path: string; recursive: boolean; pattern: string } | null {
  if (!isOpName(n.op) || n.op !== 'folder') return null;
  const parsed = parseOpParams('folder', n.params);
  return parsed.ok ? parsed.params : null;
}

const sameInputs = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
