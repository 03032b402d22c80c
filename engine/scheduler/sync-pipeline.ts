import { fileURLToPath } from 'node:url';
import { isTaskId, isOpName, layeredLayout, parseOpParams, type PipelineFile } from '../contract/index.js';
import { EngineError } from '../errors.js';
import { findCycle } from '../graph/find-cycle.js';
import { readPipelineFile } from '../graph/read-pipeline-file.js';
import { structuralProblems } from '../graph/validate-pipeline.js';
import type { Journal, NewEvent, TaskDef } from '../journal/journal.js';

export const SAMPLE_PIPELINE = fileURLToPath(new URL('../../../assets/sample.json', import.meta.url));

/**
 * Makes the journal's definitions match a pipeline file, in one transaction: new nodes are
 * added, vanished ones removed, and a node whose op, params or inputs changed is reset to
 * pending with everything downstream. Unchanged nodes keep their state, so rerunning an edited
 * pipeline recomputes only what the edit touched.
 */
export function syncPipeline(journal: Journal, pipelinePath: string | undefined): SyncedPipeline {
  const existing = journal.latestPipeline();
  if (!pipelinePath) {
    if (!existing) throw new EngineError('usage', 'the journal holds no pipeline and none was given');
    return { pipelineId: existing.id, name: existing.name, baseDir: existing.baseDir, defs: loadTaskDefs(journal, existing.id) };
  }
  const { pipeline, baseDir } = readPipelineFile(pipelinePath);
  const nodes = assertStructure(pipeline, pipelinePath);
  const synced = journal.transaction(() => {
    const pipelineId = existing?.id ?? journal.createPipeline(pipeline.name, baseDir);
    if (existing) journal.renamePipeline(pipelineId, pipeline.name, baseDir);
    const defs = applyDefinitions(journal, pipelineId, nodes, 'import');
    return { pipelineId, name: pipeline.name, baseDir, defs };
  });
  return { ...synced, defs: synced.defs ?? loadTaskDefs(journal, synced.pipelineId) };
}

export interface SyncedPipeline {
  pipelineId: number;
  name: string;
  baseDir: string;
  /** The pipeline's tasks, as the engine opens them. */
  defs: TaskDef[];
}

/** Refuses a pipeline that is not well formed; returns its nodes as stored, params parsed. */
export function assertStructure(pipeline: PipelineFile, source: string): PipelineFile['nodes'] {
  const ids = new Set(pipeline.nodes.map((n) => n.id));
  const problems: string[] = [];
  const nodes = pipeline.nodes.map((n) => {
    const checked = structuralProblems(n, ids);
    problems.push(...checked.problems);
    // Named, not spread: a spread copy cost ~1 µs a node of a 100,000-node import.
    return { id: n.id, op: n.op, params: checked.params, inputs: n.inputs, position: n.position };
  });
  if (ids.size !== pipeline.nodes.length) {
    const seen = new Set<string>();
    const twice = [...new Set(pipeline.nodes.map((n) => n.id).filter((id) => seen.has(id) || !seen.add(id)))];
    problems.push(`node ids must be unique: ${twice.join(', ')} ${twice.length === 1 ? 'is' : 'are'} used more than once`);
  }
  const cycle = findCycle(pipeline.nodes);
  if (cycle) problems.push(`cycle: ${cycle.join(' → ')}`);
  if (problems.length > 0) throw new EngineError('pipeline_invalid', `${source} is not a valid pipeline`, problems);
  return nodes;
}

/**
 * Writes node definitions, params parsed (assertStructure's), inside the caller's transaction,
 * and resets what changed. Returns the tasks as written when the pipeline had none before.
 */
export function applyDefinitions(journal: Journal, pipelineId: number, nodes: PipelineFile['nodes'], editKind: string): TaskDef[] | null {
  // Every node gets a place once and keeps it: a file without positions is laid out on import,
  // and an edit never moves what is already on the canvas.
  const layout = nodes.some((n) => !n.position) ? layeredLayout(nodes) : new Map<string, { x: number; y: number }>();
  if (!journal.hasTasks(pipelineId)) {
    const defs = insertNew(journal, pipelineId, nodes, layout);
    journal.recordEdit(pipelineId, editKind, { nodes });
    return defs;
  }
  storeParsedParams(journal, pipelineId); // compared below with what the file says, parsed too
  const before = new Map(journal.tasks(pipelineId, 'drawn').map((t) => [t.nodeId, t]));
  const idOf = new Map<string, number>();
  for (const n of nodes) {
    if (!isOpName(n.op)) continue;
    const old = before.get(n.id);
    const kept = old && old.x !== null && old.y !== null ? { x: old.x, y: old.y } : undefined;
    const at = n.position ?? kept ?? layout.get(n.id)!;
    idOf.set(n.id, journal.upsertTask(pipelineId, n.id, n.op, n.params, at.x, at.y));
  }
  const changed = new Set<string>();
  for (const n of nodes) {
    const parents = n.inputs.map((p) => idOf.get(p)!);
    journal.setInputs(idOf.get(n.id)!, parents);
    const old = before.get(n.id);
    if (old && !sameDefinition(old, n.op, n.params, parents)) changed.add(n.id);
  }
  // A folder's items are not read here: they follow their folder (engine/batch/sync-items.ts).
  for (const [nodeId, old] of before) if (!idOf.has(nodeId)) journal.removeTask(old.id);
  journal.recordEdit(pipelineId, editKind, { nodes });

  if (changed.size === 0) return null; // nothing to reset: no need to read every task's state
  const resets: NewEvent[] = [];
  for (const nodeId of downstreamOf(changed, nodes)) {
    const taskId = idOf.get(nodeId)!;
    const state = journal.stateOf(taskId);
    if (!state || (state.status === 'pending' && state.attempt === 0)) continue;
    resets.push({ runId: null, taskId, status: 'pending', attempt: 0, message: 'definition changed' });
  }
  if (resets.length) journal.append(resets);
  return null;
}

/**
 * A pipeline with no tasks yet (a new journal, or one opened into it): every row is new, so
 * they go in many to a statement, with none of the lookups an update needs, and the tasks come
 * back without being read again. Importing 100,000 nodes is on the path of what a user waits for.
 */
function insertNew(
  journal: Journal,
  pipelineId: number,
  nodes: PipelineFile['nodes'],
  layout: ReadonlyMap<string, { x: number; y: number }>,
): TaskDef[] {
  const known = nodes.filter((n) => isOpName(n.op));
  const places = known.map((n) => n.position ?? layout.get(n.id)!);
  const ids = journal.insertTasks(known.map((n, i) => [pipelineId, n.id, n.op, JSON.stringify(n.params), places[i]!.x, places[i]!.y]));
  const idOf = new Map(known.map((n, i) => [n.id, ids[i]!]));
  const inputRows: Array<[number, number, number]> = [];
  const defs = known.map((n, i): TaskDef => {
    const inputs = n.inputs.map((p) => idOf.get(p)!);
    for (let slot = 0; slot < inputs.length; slot++) inputRows.push([ids[i]!, slot, inputs[slot]!]);
    return { id: ids[i]!, nodeId: n.id, op: n.op, params: n.params, x: places[i]!.x, y: places[i]!.y, inputs, paramsGiven: null };
  });
  journal.insertInputs(inputRows);
  return defs;
}

/**
 * The pipeline's tasks as the engine opens them, read once (100,000 of them take ~0.3 s).
 * A journal written before the one id rule (or by hand) may hold an id that is no file name:
 * refused by name, before anything runs, so it can never write outside its folder. Journals
 * written before positions were kept on import get their nodes laid out, once.
 */
export function loadTaskDefs(journal: Journal, pipelineId: number): TaskDef[] {
  storeParsedParams(journal, pipelineId);
  const tasks = journal.tasks(pipelineId);
  refuseBadIds(journal, tasks);
  if (tasks.some((t) => t.x === null || t.y === null)) journal.transaction(() => placeUnplaced(journal, pipelineId, tasks));
  return tasks;
}

function refuseBadIds(journal: Journal, tasks: readonly TaskDef[]): void {
  const bad = tasks.filter((t) => !isTaskId(t.nodeId)).map((t) => JSON.stringify(t.nodeId.slice(0, 80)));
  if (bad.length === 0) return;
  throw new EngineError(
    'journal_invalid',
    `the journal ${journal.path} holds node ids that break the id rule (1 to 64 of letters, digits, _ and -): ${bad.slice(0, 5).join(', ')}${bad.length > 5 ? ` and ${bad.length - 5} more` : ''}; open it with a corrected pipeline file, or use a new journal`,
  );
}

/** Lays out the tasks that have no place (in the journal and in `tasks` itself). */
function placeUnplaced(journal: Journal, pipelineId: number, tasks: TaskDef[]): void {
  const nodeIdOf = new Map(tasks.map((t) => [t.id, t.nodeId]));
  const layout = layeredLayout(tasks.map((t) => ({ id: t.nodeId, inputs: t.inputs.map((p) => nodeIdOf.get(p)!) })));
  const moves: Array<{ id: string; position: { x: number; y: number } }> = [];
  for (const t of tasks) {
    if (t.x !== null && t.y !== null) continue;
    const at = layout.get(t.nodeId)!;
    journal.moveTask(t.id, at.x, at.y);
    t.x = at.x;
    t.y = at.y;
    moves.push({ id: t.nodeId, position: at });
  }
  journal.recordEdit(pipelineId, 'layout', { moves });
}

/**
 * Params as the op's schema parses them (defaults filled, in the schema's key order): the one
 * form stored, shown and hashed, so `{width: 160}` and `{width: 160, fit: "cover"}` are one
 * definition with one content key. Params that do not parse stay as given (validation names them).
 */
function parsedParams(op: string, params: Record<string, unknown>): Record<string, unknown> {
  if (!isOpName(op)) return params;
  const parsed = parseOpParams(op, params);
  return parsed.ok ? parsed.params : params;
}

/**
 * A journal from before params were stored parsed gets them rewritten, once. Their state is
 * untouched: completed work stays completed, and a pipeline file giving the same params with or
 * without their defaults is the same definition.
 */
function storeParsedParams(journal: Journal, pipelineId: number): void {
  const rows = journal.unparsedParams(pipelineId);
  if (rows.length === 0) return;
  journal.transaction(() => {
    for (const row of rows) journal.storeParsedParams(row.id, parsedParams(row.op, JSON.parse(row.params)));
  });
}

function sameDefinition(old: TaskDef, op: string, params: Record<string, unknown>, parents: number[]): boolean {
  return (
    old.op === op &&
    // Both parsed: the file's by assertStructure, the journal's by storeParsedParams above.
    JSON.stringify(old.params) === JSON.stringify(params) &&
    JSON.stringify(old.inputs) === JSON.stringify(parents)
  );
}

function downstreamOf(roots: Set<string>, nodes: PipelineFile['nodes']): Set<string> {
  const out = new Set(roots);
  let grew = true;
  while (grew) {
    grew = false;
    for (const n of nodes) {
      if (!out.has(n.id) && n.inputs.some((p) => out.has(p))) {
        out.add(n.id);
        grew = true;
      }
    }
  }
  return out;
}
