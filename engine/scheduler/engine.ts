import {
  fail,
  ok,
  type CommandName,
  type CommandResults,
  type EngineEvent,
  type EngineSettings,
  type JournalRow,
  type ParsedPayload,
  type Result,
  type RunSettings,
  type RunView,
  type SettingsPatch,
  type Snapshot,
  type StoredPhoto,
  type WorkerView,
} from '../contract/index.js';
import { EngineError, STORAGE_ERRORS } from '../errors.js';
import { FaultPlan } from '../faults/fault-plan.js';
import type { NodeProblem } from '../graph/validate-pipeline.js';
import type { EngineApi } from '../host/engine-api.js';
import { syncItems, type BatchReport } from '../batch/sync-items.js';
import { MAX_PHOTO_BYTES, photosDirOf, storePhoto } from '../photos/photo-store.js';
import type { Journal, RunRow } from '../journal/journal.js';
import type { JournalUpkeep } from '../journal/journal-upkeep.js';
import type { JournalLock } from '../journal/journal-lock.js';
import { latestVerification } from '../journal/run-report.js';
import { watchJournalFile } from '../journal/journal-watch.js';
import { nativeBindingForRuntime } from '../journal/open-journal.js';
import type { WorkerPool } from '../workers/pool.js';
import type { EngineHost } from './engine-host.js';
import { DEFAULT_MAX_PIXELS, type EngineOptions, type ResolvedEngineOptions } from './engine-options.js';
import { GraphEditor } from './graph-editor.js';
import { Ledger } from './ledger.js';
import { openScope, type PipelineScope } from './pipeline-scope.js';
import { RunController, type RunSummary } from './run-controller.js';
import { SinkExporter } from './sink-exporter.js';
import { type TaskGraph } from './task-graph.js';
import { TaskScheduler } from './task-scheduler.js';
import { runEngineCommand } from './engine-commands.js';
import { ProblemWatcher } from './problem-watcher.js';
import { drawnProblems, taskViews } from './drawn-nodes.js';
import type { SettingsKeeper } from './settings-keeper.js';
import { closeParts, openParts, type OpenedParts } from './open-parts.js';

export type { RunSummary } from './run-controller.js';

/**
 * The journaled DAG engine, as hosts see it: a thin facade over its parts. The ledger journals
 * every transition and commits them in one transaction per pass, before anything else is
 * decided; the scheduler starts ready work and turns outcomes into transitions; the run
 * controller keeps the run's lifecycle; the editor changes the graph. This class opens and
 * closes them together, runs the pump that drives them, and answers commands and snapshots.
 */
export class Engine implements EngineApi, EngineHost {
  readonly plan: FaultPlan;
  readonly editor: GraphEditor;
  readonly problems: ProblemWatcher;
  readonly ledger: Ledger;
  readonly scheduler: TaskScheduler;
  readonly runs: RunController;
  /** Where sinks land and how their exports are checked (verification reads it too). */
  readonly exporter: SinkExporter;
  private readonly scope: PipelineScope;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private pumpScheduled = false;
  private closed = false;
  /** Set when the journal's storage failed mid-run: the run stopped there (see halt()). */
  halted: EngineError | null = null;
  private readonly unwatchJournal: () => void;
  /** Told first when the engine closes: work of its own (a verification) stops with it. */
  private readonly closing = new Set<() => void>();

  readonly journal: Journal;
  readonly baseDir: string;
  private readonly lock: JournalLock;
  private readonly upkeep: JournalUpkeep;
  private readonly pool: WorkerPool;
  private readonly keeper: SettingsKeeper;

  private constructor(
    parts: OpenedParts,
    readonly options: ResolvedEngineOptions,
  ) {
    const { journal, pool, keeper } = parts;
    const { pipelineId, name: pipelineName, baseDir, defs } = parts.pipeline;
    this.journal = journal;
    this.baseDir = baseDir;
    this.lock = parts.lock;
    this.upkeep = parts.upkeep;
    this.pool = pool;
    this.keeper = keeper;
    this.plan = new FaultPlan(keeper.current.faults);
    this.scope = openScope(journal, pipelineId, pipelineName, defs);
    this.exporter = new SinkExporter(options.outDir, options.durability === 'full');
    this.ledger = new Ledger(journal, this.scope, {
      watched: () => this.listeners.size > 0,
      committed: (changes, lastSeq) => this.committed(changes, lastSeq),
    });
    this.scheduler = new TaskScheduler({
      scope: this.scope,
      ledger: this.ledger,
      pool,
      plan: this.plan,
      exporter: this.exporter,
      settings: () => this.settings,
      where: {
        completedByKey: (key) => journal.completedByKey(key),
        outDir: options.outDir,
        baseDir,
        allowedDirs: options.allowedDirs,
        maxPixels: options.maxPixels,
        durable: options.durability === 'full',
      },
      tasksPerWorker: options.tasksPerWorker ?? 1,
      runCancelled: () => this.scope.run?.status === 'cancelled',
      schedulePump: () => this.schedulePump(),
    });
    this.editor = new GraphEditor(this);
    this.problems = new ProblemWatcher(
      () => this.validate(),
      (findings) => this.emit({ kind: 'problems', ...findings }),
    );
    this.runs = new RunController({
      journal,
      scope: this.scope,
      ledger: this.ledger,
      scheduler: this.scheduler,
      exporter: this.exporter,
      problems: this.problems,
      engineSettings: () => ({ faults: this.plan.current, settings: this.settings }),
      validate: () => this.validate(),
      syncBatch: () => this.syncBatch(),
      integrity: parts.upkeep.verdict,
      halted: () => this.halted,
      resetFrom: (node, why) => this.editor.resetFrom(node, why),
      emit: (event) => this.emit(event),
      schedulePump: () => this.schedulePump(),
      outDir: options.outDir,
      sources: { baseDir, allowedDirs: options.allowedDirs },
    });
    this.unwatchJournal = watchJournalFile(journal.path, (e) => this.halt(e));
    journal.startWriter(options.durability ?? 'normal', nativeBindingForRuntime(), {
      committed: (seq) => this.ledger.committedUpTo(seq),
      failed: (e) => this.halt(e),
    });
    void parts.upkeep.verdict.then((damaged) => damaged && this.halt(damaged));
    pool.connect({
      onOutcome: (workerId, outcome) => this.scheduler.onOutcome(workerId, outcome),
      onChange: () => {
        if (this.listeners.size > 0) this.emit({ kind: 'workers', workers: this.workerViews() });
        this.schedulePump();
      },
    });
  }

  static async open(options: EngineOptions): Promise<Engine> {
    const parts = await openParts(options);
    let engine: Engine | null = null;
    try {
      engine = new Engine(parts, {
        ...options,
        maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
        // Photos added in the UI live beside the journal: load nodes may always point there.
        allowedDirs: [...(options.allowedDirs ?? []), photosDirOf(options.journalPath)],
      });
      engine.syncBatch();
      if (engine.run?.status === 'running' && options.resumeInterruptedRun !== false) await engine.startRun();
      return engine;
    } catch (e) {
      if (engine) await engine.close();
      else await closeParts(parts);
      throw e;
    }
  }

  // ---- what hosts read ----------------------------------------------------------------------

  get graph(): TaskGraph {
    return this.scope.graph;
  }

  /** What the folders held when last listed (engine/batch/). */
  get batch(): BatchReport {
    return this.scope.batch;
  }

  get run(): RunRow | null {
    return this.scope.run;
  }

  get pipelineId(): number {
    return this.scope.pipelineId;
  }

  get pipelineName(): string {
    return this.scope.pipelineName;
  }

  get settings(): RunSettings {
    return this.keeper.current.settings;
  }

  subscribe(listener: (event: EngineEvent) => void): () => void {
    // Someone is watching: check what each node lacks (a headless open that nobody watches
    // skips it; run start checks the graph anyway).
    if (this.listeners.size === 0) this.problems.refresh();
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(event: EngineEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Stores a photo added in a UI (an upload, a drop) beside the journal; see storePhoto. */
  addPhoto(name: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Result<StoredPhoto>> {
    return storePhoto(photosDirOf(this.options.journalPath), name, source, { maxBytes: MAX_PHOTO_BYTES, maxPixels: this.options.maxPixels });
  }

  execute<K extends CommandName>(name: K, payload: ParsedPayload<K>): Promise<Result<CommandResults[K]>> {
    return runEngineCommand(this, name, payload);
  }

  workerViews(): WorkerView[] {
    return this.pool.views();
  }

  snapshot(): Snapshot {
    const { graph } = this.scope;
    const lastSeq = this.journal.lastSeq();
    return {
      pipeline: { id: this.scope.pipelineId, name: this.scope.pipelineName, baseDir: this.baseDir },
      tasks: taskViews(graph, this.problems.byNode),
      workers: this.workerViews(),
      run: this.runs.view,
      faults: this.plan.current,
      settings: this.settings,
      counters: this.scope.counters.view(graph.countByStatus(), lastSeq),
      lastSeq,
      halted: this.halted?.describe() ?? null,
      verification: this.scope.run ? latestVerification(this.journal.db, this.scope.run.id) : null,
    };
  }

  /** The journal seq this pipeline's own events come after: its journal panel, counters and replay start there. */
  pipelineStartSeq(): number {
    return this.journal.latestPipeline()?.startSeq ?? 0;
  }

  // ---- what hosts change ---------------------------------------------------------------------

  /** Another pipeline was opened into the journal: nothing of the old one's runs or counts carries over. */
  switchPipeline(pipelineId: number, name: string): void {
    this.scheduler.clearRetries();
    Object.assign(this.scope, openScope(this.journal, pipelineId, name, this.journal.tasks(pipelineId)));
    this.syncBatch();
    this.problems.refresh();
  }

  graphChanged(revalidate: boolean): void {
    this.syncBatch();
    if (revalidate) this.problems.refresh();
    this.emit({ kind: 'graph', snapshot: this.snapshot() });
  }

  /** Merges a patch into the settings in force, journals the whole, and tells every UI. */
  changeSettings(patch: SettingsPatch, source: string): Result<EngineSettings> {
    const before = this.keeper.current.settings;
    const changed = this.keeper.change(patch, source);
    if (!changed.ok) return fail('bad_params', changed.message);
    const { faults, settings } = changed.value;
    this.plan.set(faults);
    if (settings.workers !== before.workers) this.pool.resize(settings.workers);
    if (settings.timeoutMs !== before.timeoutMs) this.pool.setTimeoutMs(settings.timeoutMs);
    this.emit({ kind: 'faults', faults, settings });
    this.schedulePump();
    return ok(changed.value);
  }

  startRun(): Promise<RunView> {
    return this.runs.start();
  }

  waitForRunEnd(): Promise<RunSummary> {
    return this.runs.waitForEnd();
  }

  isRunActive(): boolean {
    return this.runs.active;
  }

  validate(): Promise<NodeProblem[]> {
    return drawnProblems(this.scope, { baseDir: this.baseDir, allowedDirs: this.options.allowedDirs, maxPixels: this.options.maxPixels });
  }

  /** Lists the folders again and makes the items match them and the drawn nodes (sync-items.ts). */
  syncBatch(): void {
    this.scope.batch = syncItems({
      journal: this.journal,
      graph: this.scope.graph,
      ledger: this.ledger,
      pipelineId: this.scope.pipelineId,
      baseDir: this.baseDir,
      allowedDirs: this.options.allowedDirs,
    });
    this.ledger.flush();
  }

  openAnother(options: EngineOptions): Promise<EngineHost> {
    return Engine.open(options);
  }

  whenClosing(fn: () => void): () => void {
    this.closing.add(fn);
    return () => this.closing.delete(fn);
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const fn of this.closing) fn();
    this.problems.stop();
    this.unwatchJournal();
    this.upkeep.stop();
    this.scheduler.clearRetries();
    await this.pool.close();
    if (!this.halted) this.ledger.flush();
    this.journal.close();
    this.lock.release();
  }

  // ---- the pump --------------------------------------------------------------------------------

  schedulePump(): void {
    if (this.pumpScheduled || this.closed || this.halted) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
  }

  /** Starts what can start, then commits everything queued since the last pass in one transaction. */
  private pump(): void {
    // A pass scheduled just before close (or a halt) finds nothing it may decide or journal.
    if (this.closed || this.halted) return;
    try {
      if (this.scope.run?.status === 'running') this.scheduler.startReady();
      this.ledger.flush();
      this.runs.checkEnd();
    } catch (e) {
      if (e instanceof EngineError && STORAGE_ERRORS.has(e.kind)) return this.halt(e);
      throw e;
    }
  }

  /** After each commit: tell the UIs, then let the engine-crash fault strike. */
  private committed(changes: JournalRow[] | null, lastSeq: number): void {
    this.scheduler.committed(this.ledger.batchesCommitted);
    if (changes) {
      this.emit({ kind: 'tasks', changes });
      const items = this.scope.graph.takeChangedItemCounts();
      if (Object.keys(items).length > 0) this.emit({ kind: 'items', items });
      this.emit({ kind: 'counters', counters: this.scope.counters.view(this.scope.graph.countByStatus(), lastSeq) });
    }
    if (this.plan.crashesAfter(lastSeq)) this.crash();
  }

  /** The engine-crash fault: die as abruptly as a power cut would, after a commit. */
  private crash(): void {
    if (this.options.onCrash) return this.options.onCrash();
    process.kill(process.pid, 'SIGKILL');
  }

  /**
   * The journal's storage failed mid-run (disk full, damaged): nothing more is decided, since
   * nothing more could be journaled. What was committed stays; a restart resumes from it.
   */
  private halt(error: EngineError): void {
    if (this.halted || this.closed) return;
    this.halted = error;
    this.unwatchJournal();
    this.emit({ kind: 'halted', message: error.describe() });
    this.scheduler.clearRetries();
    this.runs.resolveEnd();
  }
}
