import type Database from 'better-sqlite3';
import type { EngineSettings, JournalRow, TaskStatus } from '../contract/index.js';
import { ChunkedInsert } from './chunked-insert.js';
import { EVENT_COLUMNS, JOURNAL_ROW_SELECT, SELECT_STATE_SQL, toTaskState, type StateRow, type TaskState } from './event-columns.js';
import { JournalWriter, type WriterListener } from './journal-writer.js';
import { writeEvent, type NewEvent, type NewTask, type PipelineRow, type RunRow, type SettingsRow, type TaskDef } from './journal-rows.js';
import { classifyJournalError, openDatabase, type Durability } from './open-journal.js';

export type { TaskState } from './event-columns.js';
export type { NewEvent, NewTask, PipelineRow, RunRow, SettingsRow, TaskDef } from './journal-rows.js';

/** A pipeline's tasks with their inputs in slot order; `where` narrows which. */
const selectTasks = (where: string) => `SELECT t.id, t.node_id, t.op, t.params, t.x, t.y,
    (SELECT group_concat(i.parent_id, ',' ORDER BY i.slot) FROM task_inputs i WHERE i.task_id = t.id), t.params_given
  FROM tasks t WHERE t.pipeline_id = ? AND t.removed = 0 ${where} ORDER BY t.id`;

/**
 * The journal: one named method per SQL statement, all prepared once. An event and its
 * projection are written by one statement (a trigger), so the two can never disagree.
 */
export class Journal {
  /** Every statement, prepared once; reached through `s`, which waits for the writer first. */
  private readonly statements;
  // task_state follows each event in the same statement: migration 0004's trigger projects it.
  private readonly events: ChunkedInsert;
  private readonly newTasks: ChunkedInsert;
  private readonly newInputs: ChunkedInsert;

  /** Set once the engine hands events to a thread of their own (journal-writer.ts). */
  private writer: JournalWriter | null = null;
  /** The seq the next event handed to the writer gets; null: read it from the journal. */
  private nextSeq: number | null = null;

  constructor(
    private readonly database: Database.Database,
    readonly path: string,
  ) {
    const db = database;
    this.events = new ChunkedInsert(db, 'events', EVENT_COLUMNS);
    this.newTasks = new ChunkedInsert(db, 'tasks', ['pipeline_id', 'node_id', 'op', 'params', 'x', 'y', 'params_parsed']);
    this.newInputs = new ChunkedInsert(db, 'task_inputs', ['task_id', 'slot', 'parent_id']);
    this.statements = {
      latestPipeline: db.prepare('SELECT id, name, base_dir AS baseDir, start_seq AS startSeq FROM pipelines ORDER BY id DESC LIMIT 1'),
      insertPipeline: db.prepare('INSERT INTO pipelines (name, base_dir, created_at, start_seq) VALUES (?, ?, ?, ?)'),
      renamePipeline: db.prepare('UPDATE pipelines SET name = ?, base_dir = ? WHERE id = ?'),
      // Raw rows (arrays), each task's parents as one string in slot order: loading 100,000
      // tasks on open is on the recovery benchmark's path, and a row per input cost ~40% more.
      tasks: db.prepare(selectTasks('')).raw(true),
      // A folder's items have '@' in their ids (engine/batch/): editing the drawn pipeline never reads them.
      drawnTasks: db.prepare(selectTasks("AND instr(t.node_id, '@') = 0")).raw(true),
      insertTask: db.prepare('INSERT INTO tasks (pipeline_id, node_id, op, params, x, y, params_parsed) VALUES (?, ?, ?, ?, ?, ?, 1)'),
      reviveTask: db.prepare(
        // The params as given stay while the definition does (SET reads the row as it was).
        `UPDATE tasks SET op = ?, params = ?, params_given = CASE WHEN params = ? THEN params_given END, x = ?, y = ?,
          removed = 0, params_parsed = 1 WHERE pipeline_id = ? AND node_id = ?`,
      ),
      anyTask: db.prepare('SELECT 1 FROM tasks WHERE pipeline_id = ? LIMIT 1').pluck(),
      taskIdOf: db.prepare('SELECT id FROM tasks WHERE pipeline_id = ? AND node_id = ?'),
      unparsedParams: db.prepare('SELECT id, op, params FROM tasks WHERE pipeline_id = ? AND params_parsed = 0 AND removed = 0'),
      updateParams: db.prepare('UPDATE tasks SET params = ?, params_parsed = 1, params_given = NULL WHERE id = ?'),
      storeParsed: db.prepare(
        'UPDATE tasks SET params = ?, params_parsed = 1, params_given = CASE WHEN params = ? THEN NULL ELSE params END WHERE id = ?',
      ),
      moveTask: db.prepare('UPDATE tasks SET x = ?, y = ? WHERE id = ?'),
      removeTask: db.prepare('UPDATE tasks SET removed = 1 WHERE id = ?'),
      clearInputs: db.prepare('DELETE FROM task_inputs WHERE task_id = ?'),
      clearInputsFrom: db.prepare('DELETE FROM task_inputs WHERE parent_id = ?'),
      setInput: db.prepare('INSERT OR REPLACE INTO task_inputs (task_id, slot, parent_id) VALUES (?, ?, ?)'),
      recordEdit: db.prepare('INSERT INTO graph_edits (pipeline_id, at, kind, payload) VALUES (?, ?, ?, ?)'),
      insertRun: db.prepare('INSERT INTO runs (pipeline_id, started_at, status, out_dir, settings) VALUES (?, ?, ?, ?, ?)'),
      latestRun: db.prepare(`SELECT id, pipeline_id AS pipelineId, started_at AS startedAt, ended_at AS endedAt, status,
        out_dir AS outDir, settings, outcome FROM runs WHERE pipeline_id = ? ORDER BY id DESC LIMIT 1`),
      setRunStatus: db.prepare('UPDATE runs SET status = ?, ended_at = ?, outcome = ? WHERE id = ?'),
      insertSettings: db.prepare('INSERT INTO settings_changes (at, event_seq, source, faults, settings) VALUES (?, ?, ?, ?, ?)'),
      settingsAt: db.prepare(`SELECT at, event_seq AS eventSeq, source, faults, settings FROM settings_changes
        WHERE event_seq <= ? ORDER BY event_seq DESC, id DESC LIMIT 1`),
      states: db.prepare(SELECT_STATE_SQL).raw(true),
      stateOf: db.prepare(`${SELECT_STATE_SQL} WHERE task_id = ?`).raw(true),
      // Only the rows recovery may have to repair, so opening a big journal reads few rows.
      recoveryCandidates: db
        // The pipeline is looked up only for rows that pass the status test: a join would visit
        // every task of a 100,000-task journal on the recovery benchmark's path.
        .prepare(
          `${SELECT_STATE_SQL} s
          WHERE (status = 'running' OR (status = 'completed' AND output_path IS NOT NULL))
            AND (SELECT pipeline_id FROM tasks WHERE id = s.task_id) = ?`,
        )
        .raw(true),
      completedByKey: db.prepare(`SELECT output_path AS outputPath, checksum FROM events
        WHERE status = 'completed' AND output_path IS NOT NULL AND content_key = ? ORDER BY seq DESC LIMIT 1`),
      lastSeq: db.prepare('SELECT coalesce(max(seq), 0) AS seq FROM events'),
      countEventsByStatus: db.prepare('SELECT status, count(*) AS n FROM events GROUP BY status'),
      countErrorKinds: db.prepare('SELECT error_kind AS kind, count(*) AS n FROM events WHERE error_kind IS NOT NULL GROUP BY error_kind'),
    };
  }

  static open(path: string, durability: Durability = 'normal'): Journal {
    return new Journal(openDatabase(path, durability), path);
  }

  /** The connection, for queries of its own: the writer thread has caught up first. */
  get db(): Database.Database {
    this.drain();
    return this.database;
  }

  /** Commits what the writer thread holds, then closes. */
  close(): void {
    this.writer?.stop();
    this.writer = null;
    if (this.database.open) this.database.close();
  }

  /** From now on appendLater's events are committed by a thread of their own; `listener` hears how that goes. */
  startWriter(durability: Durability, nativeBinding: string | undefined, listener: WriterListener): void {
    this.writer = JournalWriter.start(this.path, durability, nativeBinding);
    this.writer?.listen(listener);
  }

  /**
   * The statements, once the writer thread has caught up: every read and write comes after
   * what was handed to it (at once when nothing is outstanding). Throws the writer's failure,
   * typed. Only completedByKey and lastSeq read without waiting (see there).
   */
  private get s(): typeof this.statements {
    this.drain();
    return this.statements;
  }

  private drain(): void {
    this.writer?.drain();
  }

  /** Runs fn in one transaction, turning SQLite's disk and corruption errors into typed ones. */
  transaction<T>(fn: () => T): T {
    this.drain(); // before taking the write lock, which the writer thread would wait on
    try {
      return this.database.transaction(fn)();
    } catch (e) {
      throw classifyJournalError(e, this.path);
    }
  }

  /** Appends events in one transaction (the projection follows by trigger); returns their seqs. */
  append(events: readonly NewEvent[]): number[] {
    const values: unknown[] = [];
    for (const e of events) writeEvent(e, values);
    const seqs = this.transaction(() => this.events.run(values));
    this.nextSeq = null;
    return seqs;
  }

  /**
   * Appends events without waiting for them, when a writer thread runs and no transaction is
   * open here (else at once, as append): their seqs are given now, in order, and the writer's
   * listener hears when they are committed. `later` says which it was.
   */
  appendLater(events: readonly NewEvent[]): { seqs: number[]; later: boolean } {
    if (!this.writer || this.database.inTransaction) return { seqs: this.append(events), later: false };
    this.nextSeq ??= this.lastSeq() + 1;
    const first = this.nextSeq;
    this.nextSeq += events.length;
    const seqs: number[] = new Array(events.length);
    const values: unknown[] = [];
    for (let i = 0; i < events.length; i++) {
      seqs[i] = first + i;
      values.push(first + i);
      writeEvent(events[i]!, values);
    }
    this.writer.post(values, first + events.length - 1);
    return { seqs, later: true };
  }

  latestPipeline(): PipelineRow | undefined {
    return this.s.latestPipeline.get() as PipelineRow | undefined;
  }

  /** A new pipeline's journal panel, counters and replay start after the events already written. */
  createPipeline(name: string, baseDir: string): number {
    return Number(this.s.insertPipeline.run(name, baseDir, Date.now(), this.lastSeq()).lastInsertRowid);
  }

  renamePipeline(id: number, name: string, baseDir: string): void {
    this.s.renamePipeline.run(name, baseDir, id);
  }

  /** `drawn`: only the pipeline's own nodes, not the per-photo tasks of its folders. */
  tasks(pipelineId: number, which: 'all' | 'drawn' = 'all'): TaskDef[] {
    const rows = (which === 'all' ? this.s.tasks : this.s.drawnTasks).all(pipelineId) as Array<
      [number, string, string, string, number | null, number | null, string | null, string | null]
    >;
    const defs: TaskDef[] = new Array(rows.length);
    for (let i = 0; i < rows.length; i++) {
      const [id, nodeId, op, params, x, y, parents, given] = rows[i]!;
      const inputs = parents === null ? [] : parents.split(',').map(Number);
      defs[i] = {
        id,
        nodeId,
        op,
        params: params === '{}' ? {} : JSON.parse(params),
        x,
        y,
        inputs,
        paramsGiven: given === null ? null : JSON.parse(given),
      };
    }
    return defs;
  }

  /** Inserts a task, or brings back a removed one with the same node id (its history stays). */
  upsertTask(pipelineId: number, nodeId: string, op: string, params: object, x: number | null, y: number | null): number {
    const existing = this.s.taskIdOf.get(pipelineId, nodeId) as { id: number } | undefined;
    if (existing) {
      const json = JSON.stringify(params);
      this.s.reviveTask.run(op, json, json, x, y, pipelineId, nodeId);
      return existing.id;
    }
    return this.insertTask(pipelineId, nodeId, op, params, x, y);
  }

  /** Tasks whose params were journaled before they were stored parsed (see migrations/0004). */
  unparsedParams(pipelineId: number): Array<{ id: number; op: string; params: string }> {
    return this.s.unparsedParams.all(pipelineId) as Array<{ id: number; op: string; params: string }>;
  }

  /** Whether the pipeline has any task, even a removed one. */
  hasTasks(pipelineId: number): boolean {
    return this.s.anyTask.get(pipelineId) !== undefined;
  }

  /** Inserts a task known to be new (its pipeline has no task of that id, removed or not). */
  insertTask(pipelineId: number, nodeId: string, op: string, params: object, x: number | null, y: number | null): number {
    return Number(this.s.insertTask.run(pipelineId, nodeId, op, JSON.stringify(params), x, y).lastInsertRowid);
  }

  /** Inserts tasks known to be new, many to a statement (a pipeline's import); returns their ids. */
  insertTasks(rows: readonly NewTask[]): number[] {
    this.drain();
    const values: unknown[] = [];
    for (const row of rows) values.push(...row, 1); // params_parsed
    return this.newTasks.run(values);
  }

  /** The inputs of tasks that have none yet, as (task, slot, parent) rows. */
  insertInputs(rows: ReadonlyArray<[taskId: number, slot: number, parentId: number]>): void {
    this.drain();
    const values: unknown[] = [];
    for (const row of rows) values.push(...row);
    this.newInputs.run(values);
  }

  /** Stores params as parsed, keeping those as given when they differ (see TaskDef.paramsGiven). */
  storeParsedParams(taskId: number, params: object): void {
    const json = JSON.stringify(params);
    this.s.storeParsed.run(json, json, taskId);
  }

  updateParams(taskId: number, params: object): void {
    this.s.updateParams.run(JSON.stringify(params), taskId);
  }

  moveTask(taskId: number, x: number, y: number): void {
    this.s.moveTask.run(x, y, taskId);
  }

  removeTask(taskId: number): void {
    this.s.clearInputs.run(taskId);
    this.s.clearInputsFrom.run(taskId);
    this.s.removeTask.run(taskId);
  }

  setInputs(taskId: number, parents: readonly number[], fresh = false): void {
    if (!fresh) this.s.clearInputs.run(taskId);
    for (let slot = 0; slot < parents.length; slot++) this.s.setInput.run(taskId, slot, parents[slot]);
  }

  recordEdit(pipelineId: number, kind: string, payload: unknown): void {
    this.s.recordEdit.run(pipelineId, Date.now(), kind, JSON.stringify(payload));
  }

  createRun(pipelineId: number, outDir: string, settings: unknown): number {
    return Number(this.s.insertRun.run(pipelineId, Date.now(), 'running', outDir, JSON.stringify(settings)).lastInsertRowid);
  }

  latestRun(pipelineId: number): RunRow | undefined {
    return this.s.latestRun.get(pipelineId) as RunRow | undefined;
  }

  setRunStatus(runId: number, status: string, ended: boolean, outcome: string | null = null): void {
    this.s.setRunStatus.run(status, ended ? Date.now() : null, outcome, runId);
  }

  appendSettings(source: string, value: EngineSettings): void {
    this.s.insertSettings.run(Date.now(), this.lastSeq(), source, JSON.stringify(value.faults), JSON.stringify(value.settings));
  }

  /** The settings in force right after event seq (the latest change when seq is omitted). */
  settingsAt(seq = Number.MAX_SAFE_INTEGER): SettingsRow | undefined {
    return this.s.settingsAt.get(seq) as SettingsRow | undefined;
  }

  states(): Map<number, TaskState> {
    const map = new Map<number, TaskState>();
    for (const row of this.s.states.all() as StateRow[]) map.set(row[0], toTaskState(row));
    return map;
  }

  /** One task's projected state; undefined for a task with no events yet. */
  stateOf(taskId: number): TaskState | undefined {
    const row = this.s.stateOf.get(taskId) as StateRow | undefined;
    return row && toTaskState(row);
  }

  /** The states recoverOnOpen looks at: one pipeline's running tasks and completed ones with an output file. */
  recoveryCandidates(pipelineId: number): TaskState[] {
    return (this.s.recoveryCandidates.all(pipelineId) as StateRow[]).map(toTaskState);
  }

  completedByKey(contentKey: string): { outputPath: string | null; checksum: string | null } | undefined {
    // Not waited for: the scheduler knows the outputs completed but not yet committed itself.
    return this.statements.completedByKey.get(contentKey) as { outputPath: string | null; checksum: string | null } | undefined;
  }

  /** The last seq given: events handed to the writer thread count, committed or not yet. */
  lastSeq(): number {
    if (this.nextSeq !== null) return this.nextSeq - 1;
    return (this.statements.lastSeq.get() as { seq: number }).seq; // nothing is outstanding: nextSeq is null
  }

  eventCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.s.countEventsByStatus.all() as Array<{ status: string; n: number }>) out[r.status] = r.n;
    return out;
  }

  errorKindCounts(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const r of this.s.countErrorKinds.all() as Array<{ kind: string; n: number }>) out[r.kind] = r.n;
    return out;
  }

  /** Newest first, for the journal panel and `inspect`. */
  page(opts: { beforeSeq?: number; afterSeq?: number; limit: number; taskId?: number; status?: TaskStatus }): JournalRow[] {
    const where: string[] = [];
    const args: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      where.push(clause);
      args.push(value);
    };
    if (opts.afterSeq) add('e.seq > ?', opts.afterSeq);
    if (opts.beforeSeq !== undefined) add('e.seq < ?', opts.beforeSeq);
    if (opts.taskId !== undefined) add('e.task_id = ?', opts.taskId);
    if (opts.status !== undefined) add('e.status = ?', opts.status);
    const sql = `SELECT ${JOURNAL_ROW_SELECT} FROM events e JOIN tasks t ON t.id = e.task_id
      ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY e.seq DESC LIMIT ?`;
    return this.db.prepare(sql).all(...args, opts.limit) as JournalRow[];
  }
}
