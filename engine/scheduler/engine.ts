import { accessSync, constants, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  DEFAULT_RUN_SETTINGS,
  fail,
  ok,
  type CommandName,
  type CommandResults,
  type EngineEvent,
  type EngineSettings,
  type FailureKind,
  type JournalRow,
  type ParsedPayload,
  type Result,
  type RunSettings,
  type RunView,
  type SettingsPatch,
  type Snapshot,
  type TaskStatus,
  type WorkerView,
} from '../contract/index.js';
import { EngineError, STORAGE_ERRORS } from '../errors.js';
import { corruptFile, removeFile } from '../faults/damage-file.js';
import { FaultPlan } from '../faults/fault-plan.js';
import { runnableProblems, type NodeProblem } from '../graph/validate-pipeline.js';
import type { EngineApi } from '../host/engine-api.js';
import { Journal, type NewEvent, type RunRow } from '../journal/journal.js';
import { IntegrityCheck } from '../journal/integrity-check.js';
import { JournalLock } from '../journal/journal-lock.js';
import { latestVerification } from '../journal/run-report.js';
import { watchJournalFile } from '../journal/journal-watch.js';
import { nativeBindingForRuntime } from '../journal/open-journal.js';
import { sweepTempFiles } from '../workers/atomic-write.js';
import { WorkerPool } from '../workers/pool.js';
import type { TaskJob, TaskOutcome } from '../workers/messages.js';
import { backoffDelayMs } from './backoff.js';
import { CounterBook } from './counter-book.js';
import { DEFAULT_MAX_PIXELS, type EngineOptions } from './engine-options.js';
import { FAILURE_POLICY } from './failure-policy.js';
import { GraphEditor } from './graph-editor.js';
import { recoverOnOpen } from './recover-on-open.js';
import { ReadyQueue } from './ready-queue.js';
import { SinkExporter } from './sink-exporter.js';
import { photoEditedSinceLoaded } from './photo-edits.js';
import { loadTaskDefs, syncPipeline, SAMPLE_PIPELINE } from './sync-pipeline.js';
import { TaskGraph, type TaskNode } from './task-graph.js';
import { keyOnceRun, prepareJob, type JobPlan } from './prepare-job.js';
import { runEngineCommand } from './engine-commands.js';
import { ProblemWatcher } from './problem-watcher.js';
import { runOutcome } from './run-outcome.js';
import { SettingsKeeper } from './settings-keeper.js';

export interface RunSummary {
  run: RunView | null;
  sinks: Array<{ nodeId: string; status: TaskStatus; path: string | null }>;
  /** One line per task that is dead or blocked, saying why. */
  problems: string[];
  /** The journal's storage failed mid-run and the run stopped there. */
  halted: EngineError | null;
}

/**
 * The journaled DAG engine. Every state change goes through transition(), which updates the
 * in-memory task and queues the journal event; flush() commits the queue in one transaction
 * before anything else is decided, so what we act on is always what the journal says.
 */
export class Engine implements EngineApi {
  graph: TaskGraph;
  readonly plan: FaultPlan;
  counters: CounterBook;
  readonly editor: GraphEditor;
  readonly problems: ProblemWatcher;
  run: RunRow | null;
  private readonly ready = new ReadyQueue();
  /** Where sinks land and how their exports are checked (verification reads it too). */
  readonly exporter: SinkExporter;
  private readonly listeners = new Set<(event: EngineEvent) => void>();
  private readonly runEndWaiters: Array<(summary: RunSummary) => void> = [];
  private queued: Array<{ node: TaskNode; event: NewEvent }> = [];
  private pumpScheduled = false;
  private nextDispatchId = 1;
  private readonly inflight = new Map<number, { dispatchId: number; plan: JobPlan }>();
  /** Outputs the corrupt fault damaged since they were written: their readers must see it. */
  readonly damagedOutputs = new Set<string>();
  private closed = false;
  /** Set when the journal's storage failed mid-run: the run stopped there (see halt()). */
  halted: EngineError | null = null;
  private readonly unwatchJournal: () => void;
  /** Told first when the engine closes: work of its own (a verification) stops with it. */
  private readonly closing = new Set<() => void>();

  private constructor(
    readonly journal: Journal,
    private readonly lock: JournalLock,
    private readonly integrity: IntegrityCheck,
    private readonly pool: WorkerPool,
    private readonly keeper: SettingsKeeper,
    public pipelineId: number,
    public pipelineName: string,
    readonly baseDir: string,
    readonly options: EngineOptions & { maxPixels: number; allowedDirs: string[] },
  ) {
    this.plan = new FaultPlan(keeper.current.faults);
    this.graph = new TaskGraph(loadTaskDefs(journal, pipelineId), journal.states());
    this.counters = new CounterBook(journal, this.pipelineStartSeq());
    this.run = journal.latestRun(pipelineId) ?? null;
    this.exporter = new SinkExporter(options.outDir, options.durability === 'full');
    this.editor = new GraphEditor(this);
    this.problems = new ProblemWatcher(
      () => this.validate(),
      (findings) => this.emit({ kind: 'problems', ...findings }),
    );
    this.unwatchJournal = watchJournalFile(journal.path, (e) => this.halt(e));
    void integrity.verdict.then((damaged) => damaged && this.halt(damaged));
    pool.connect({
      onOutcome: (workerId, outcome) => this.onOutcome(workerId, outcome),
      onChange: () => {
        if (this.listeners.size > 0) this.emit({ kind: 'workers', workers: this.workerViews() });
        this.schedulePump();
      },
    });
  }

  static async open(options: EngineOptions): Promise<Engine> {
    prepareOutDir(options.outDir);
    // Threads first: they load sharp while the journal opens and the pipeline is checked. Their
    // count is the opener's or the default; the journal's own settings may resize them below.
    const first = { ...DEFAULT_RUN_SETTINGS, ...options.settings };
    const pool = new WorkerPool({ size: first.workers, timeoutMs: first.timeoutMs, tasksPerWorker: options.tasksPerWorker ?? 1, affinity: options.affinity });
    let journal: Journal | null = null;
    let lock: JournalLock | null = null;
    let engine: Engine | null = null;
    try {
      lock = JournalLock.acquire(options.journalPath, nativeBindingForRuntime());
      sweepTempFiles([options.outDir, join(options.outDir, '.objects')]);
      journal = Journal.open(options.journalPath, options.durability);
      const integrity = IntegrityCheck.start(options.journalPath, nativeBindingForRuntime());
      const { pipelineId, name, baseDir } = syncPipeline(journal, options.pipelinePath ?? (journal.latestPipeline() ? undefined : SAMPLE_PIPELINE));
      recoverOnOpen(journal, pipelineId);
      const keeper = SettingsKeeper.open(journal, { faults: options.faults, settings: options.settings });
      if (keeper.current.settings.workers !== first.workers) pool.resize(keeper.current.settings.workers);
      pool.setTimeoutMs(keeper.current.settings.timeoutMs);
      engine = new Engine(journal, lock, integrity, pool, keeper, pipelineId, name, baseDir, {
        ...options,
        maxPixels: options.maxPixels ?? DEFAULT_MAX_PIXELS,
        allowedDirs: options.allowedDirs ?? [],
      });
      if (engine.run?.status === 'running' && options.resumeInterruptedRun !== false) await engine.startRun();
      return engine;
    } catch (e) {
      if (engine) await engine.close();
      else {
        await pool.close();
        journal?.close();
        lock?.release();
      }
      throw e;
    }
  }

  // ---- events ------------------------------------------------------------------------------

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

  // ---- commands ----------------------------------------------------------------------------

  execute<K extends CommandName>(name: K, payload: ParsedPayload<K>): Promise<Result<CommandResults[K]>> {
    return runEngineCommand(this, name, payload);
  }

  workerViews(): WorkerView[] {
    return this.pool.views();
  }

  snapshot(): Snapshot {
    const lastSeq = this.journal.lastSeq();
    const { problems, notes } = this.problems.byNode;
    return {
      pipeline: { id: this.pipelineId, name: this.pipelineName, baseDir: this.baseDir },
      tasks: [...this.graph.byId.values()].map((n) => ({
        id: n.nodeId,
        op: n.op,
        params: n.params,
        inputs: n.inputs.map((p) => this.graph.get(p).nodeId),
        position: n.x === null || n.y === null ? null : { x: n.x, y: n.y },
        status: n.state.status,
        attempt: n.state.attempt,
        worker: n.state.worker,
        message: n.state.message,
        errorKind: n.state.errorKind,
        errorMessage: n.state.errorMessage,
        contentKey: n.state.contentKey,
        seq: n.state.lastSeq,
        at: n.state.at,
        problem: problems[n.nodeId] ?? null,
        note: notes[n.nodeId] ?? null,
      })),
      workers: this.workerViews(),
      run: this.runView(),
      faults: this.plan.current,
      settings: this.settings,
      counters: this.counters.view(this.graph.countByStatus(), lastSeq),
      lastSeq,
      halted: this.halted?.describe() ?? null,
      verification: this.run ? latestVerification(this.journal.db, this.run.id) : null,
    };
  }

  runView(): RunView | null {
    if (!this.run) return null;
    const { id, status, startedAt, endedAt, outDir, outcome } = this.run;
    return { id, status: status as RunView['status'], startedAt, endedAt, outDir, outcome };
  }

  /** The journal seq this pipeline's own events come after: its journal panel, counters and replay start there. */
  pipelineStartSeq(): number {
    return this.journal.latestPipeline()?.startSeq ?? 0;
  }

  /** Another pipeline was opened into the journal: nothing of the old one's runs or counts carries over. */
  switchPipeline(pipelineId: number, name: string): void {
    for (const n of this.graph.byId.values()) if (n.retryTimer) clearTimeout(n.retryTimer);
    this.pipelineId = pipelineId;
    this.pipelineName = name;
    this.graph = new TaskGraph(this.journal.tasks(pipelineId), this.journal.states());
    this.counters = new CounterBook(this.journal, this.pipelineStartSeq());
    this.run = this.journal.latestRun(pipelineId) ?? null;
    this.problems.refresh();
  }

  get settings(): RunSettings {
    return this.keeper.current.settings;
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

  // ---- run lifecycle -----------------------------------------------------------------------

  /** Resumes the unfinished run, or starts a new one in which dead, blocked and cancelled tasks get a fresh chance. */
  async startRun(): Promise<RunView> {
    const [found, damaged] = await Promise.all([this.validate(), this.integrity.verdict]);
    if (damaged ?? this.halted) throw damaged ?? this.halted;
    this.problems.set(found);
    const problems = found.filter((p) => p.blocking);
    if (problems.length > 0) {
      const nodes = new Set(problems.map((p) => p.nodeId)).size;
      const what = `${nodes} node${nodes === 1 ? '' : 's'} cannot run (marked on the canvas); nothing was started`;
      throw new EngineError('pipeline_invalid', `${this.pipelineName}: ${what}`, problems.map((p) => p.line));
    }
    const unfinished = this.run && (this.run.status === 'running' || this.run.status === 'paused');
    if (!unfinished) {
      const runId = this.journal.createRun(this.pipelineId, this.options.outDir, { faults: this.plan.current, settings: this.settings });
      this.run = this.journal.latestRun(this.pipelineId)!;
      for (const node of this.graph.byId.values()) {
        if (node.state.status === 'dead' || node.state.status === 'blocked' || node.state.status === 'cancelled') {
          this.transition(node, 'pending', { attempt: 0, message: `fresh start in run ${runId}` });
        }
      }
    }
    this.setRunStatus('running');
    for (const node of photoEditedSinceLoaded(this)) this.editor.resetFrom(node, 'its photo changed since it was loaded');
    for (const node of this.graph.byId.values()) {
      if (node.state.status === 'failed') this.armRetry(node);
      else this.offer(node);
    }
    this.schedulePump();
    return this.runView()!;
  }

  validate(): Promise<NodeProblem[]> {
    return runnableProblems(this.graph.byId.values(), {
      baseDir: this.baseDir,
      allowedDirs: this.options.allowedDirs,
      maxPixels: this.options.maxPixels,
    });
  }

  pause(): RunView | null {
    if (this.run?.status === 'running') this.setRunStatus('paused');
    return this.runView();
  }

  resume(): RunView | null {
    if (this.run?.status === 'paused') {
      this.setRunStatus('running');
      this.schedulePump();
    }
    return this.runView();
  }

  cancelRun(): RunView | null {
    if (!this.run || !this.isRunActive()) return this.runView();
    for (const node of this.graph.byId.values()) {
      if (node.state.status === 'pending' || node.state.status === 'running' || node.state.status === 'failed') {
        this.cancelTask(node, 'run cancelled');
      }
    }
    this.flush();
    this.setRunStatus('cancelled', true, 'cancelled by hand');
    this.resolveRunEnd();
    return this.runView();
  }

  isRunActive(): boolean {
    return this.run?.status === 'running' || this.run?.status === 'paused';
  }

  private setRunStatus(status: RunView['status'], ended = false, outcome: string | null = null): void {
    if (!this.run) return;
    this.journal.setRunStatus(this.run.id, status, ended, outcome);
    this.run = { ...this.run, status, endedAt: ended ? Date.now() : null, outcome };
    this.emit({ kind: 'run', run: this.runView() });
  }

  /** Resolves when the current run completes, fails, or is cancelled. */
  waitForRunEnd(): Promise<RunSummary> {
    if (!this.isRunActive() || this.halted) return Promise.resolve(this.summary());
    return new Promise((resolve) => this.runEndWaiters.push(resolve));
  }

  summary(): RunSummary {
    const sinks = [...this.graph.byId.values()].filter((n) => this.graph.isSink(n));
    const problems = [...this.graph.byId.values()]
      .filter((n) => n.state.status === 'dead' || n.state.status === 'blocked' || n.state.status === 'cancelled')
      .map((n) => `${n.nodeId} (${n.op}) is ${n.state.status}: ${n.state.errorMessage ?? n.state.message ?? 'no reason recorded'}`);
    return {
      run: this.runView(),
      halted: this.halted,
      sinks: sinks.map((n) => ({
        nodeId: n.nodeId,
        status: n.state.status,
        path: n.state.status === 'completed' ? this.exporter.exportPath(n.nodeId) : null,
      })),
      problems,
    };
  }

  /** Calls fn when the engine starts to close; returns how to take it back. */
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
    this.integrity.stop();
    for (const node of this.graph.byId.values()) if (node.retryTimer) clearTimeout(node.retryTimer);
    await this.pool.close();
    if (!this.halted) this.flush();
    this.journal.close();
    this.lock.release();
  }

  // ---- transitions -------------------------------------------------------------------------

  /** Changes a task's state in memory and queues the journal event that records it. */
  transition(node: TaskNode, status: TaskStatus, fields: Partial<Omit<NewEvent, 'status' | 'taskId' | 'runId'>> = {}): void {
    const event: NewEvent = {
      runId: this.run?.id ?? null,
      taskId: node.id,
      status,
      attempt: fields.attempt ?? node.state.attempt,
      at: Date.now(),
      ...fields,
    };
    this.graph.setState(node, {
      taskId: node.id,
      status,
      attempt: event.attempt,
      worker: event.worker ?? null,
      at: event.at!,
      contentKey: event.contentKey ?? null,
      outputPath: event.outputPath ?? null,
      checksum: event.checksum ?? null,
      errorKind: event.errorKind ?? null,
      errorMessage: event.errorMessage ?? null,
      message: event.message ?? null,
      retryAt: event.retryAt ?? null,
      lastSeq: node.state.lastSeq,
    });
    if (status !== 'failed' && node.retryTimer) {
      clearTimeout(node.retryTimer);
      node.retryTimer = null;
    }
    this.counters.record(event);
    this.queued.push({ node, event });
  }

  /** Commits queued events in one transaction, then tells the UIs. */
  flush(): void {
    if (this.queued.length === 0) return;
    const batch = this.queued;
    this.queued = [];
    const seqs = this.journal.append(batch.map((b) => b.event));
    const changes: JournalRow[] = batch.map(({ node, event }, i) => {
      node.state.lastSeq = seqs[i]!;
      return {
        seq: seqs[i]!,
        runId: event.runId,
        nodeId: node.nodeId,
        status: event.status,
        attempt: event.attempt,
        worker: event.worker ?? null,
        at: event.at!,
        contentKey: event.contentKey ?? null,
        checksum: event.checksum ?? null,
        errorKind: event.errorKind ?? null,
        errorMessage: event.errorMessage ?? null,
        message: event.message ?? null,
      };
    });
    if (this.listeners.size > 0) {
      this.emit({ kind: 'tasks', changes });
      this.emit({ kind: 'counters', counters: this.counters.view(this.graph.countByStatus(), seqs.at(-1)!) });
    }
    if (this.plan.crashesAfter(seqs.at(-1)!)) this.crash();
  }

  /** The engine-crash fault: die as abruptly as a power cut would, after a commit. */
  private crash(): void {
    if (this.options.onCrash) return this.options.onCrash();
    process.kill(process.pid, 'SIGKILL');
  }

  /** Puts a task on the ready queue if it can run now; `next`: ahead of the tasks already queued. */
  offer(node: TaskNode, next = false): void {
    if (node.state.status !== 'pending' || node.queued || !this.graph.parentsCompleted(node)) return;
    node.queued = true;
    if (next) this.ready.pushNext(node.id);
    else this.ready.push(node.id);
  }

  schedulePump(): void {
    if (this.pumpScheduled || this.closed || this.halted) return;
    this.pumpScheduled = true;
    setImmediate(() => {
      this.pumpScheduled = false;
      this.pump();
    });
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
    for (const node of this.graph.byId.values()) if (node.retryTimer) clearTimeout(node.retryTimer);
    this.resolveRunEnd();
  }

  /** Starts what can start, then commits everything queued since the last pump in one transaction. */
  private pump(): void {
    // A pass scheduled just before close (or a halt) finds nothing it may decide or journal.
    if (this.closed || this.halted) return;
    try {
      this.pumpOnce();
    } catch (e) {
      if (e instanceof EngineError && STORAGE_ERRORS.has(e.kind)) return this.halt(e);
      throw e;
    }
  }

  private pumpOnce(): void {
    if (this.run?.status === 'running' && !this.closed) this.startReady();
    this.flush();
    this.checkRunEnd();
  }

  private startReady(): void {
    const deferred: number[] = [];
    for (let id = this.ready.shift(); id !== undefined; id = this.ready.shift()) {
      const node = this.graph.byId.get(id);
      if (!node) continue;
      node.queued = false;
      if (node.state.status !== 'pending' || !this.graph.parentsCompleted(node)) continue;
      if (!this.pool.hasRoomFor(node.op)) {
        node.queued = true;
        deferred.push(id);
        if (this.pool.busyCount() >= this.settings.workers * (this.options.tasksPerWorker ?? 1)) break;
        continue;
      }
      this.start(node);
    }
    this.ready.unshift(deferred);
    this.pool.sendDispatched(); // before this pass's journal commit, not after it
  }

  private start(node: TaskNode): void {
    const prepared = prepareJob(this, node);
    if (prepared.kind === 'dead') return this.markDead(node, prepared.errorKind, prepared.message);
    if (prepared.kind === 'reused') {
      this.transition(node, 'completed', {
        contentKey: prepared.contentKey,
        outputPath: prepared.outputPath,
        checksum: prepared.checksum,
        message: 'reused: this content key was computed before',
      });
      return this.afterCompleted(node);
    }
    const { plan } = prepared;
    const attempt = node.state.attempt + 1;
    const moment = `${attempt}:${node.state.lastSeq}`;
    for (const input of plan.job.inputs) {
      // Faults act on what the engine stores, never on a person's own photo.
      if (input.source || !this.plan.removesInput(node.nodeId, input.parentNodeId, moment)) continue;
      removeFile(input.path);
      input.tampered = true;
    }
    const dispatchId = this.nextDispatchId++;
    const job: TaskJob = { ...plan.job, dispatchId, fault: this.plan.dispatchFault(node.nodeId, moment), throttleMs: this.plan.throttleMs };
    const firstParent = node.inputs.length > 0 ? this.graph.get(node.inputs[0]!) : null;
    const worker = this.pool.dispatch(job, firstParent?.state.worker ?? null);
    if (worker === null) {
      this.offer(node);
      return;
    }
    this.inflight.set(node.id, { dispatchId, plan });
    this.transition(node, 'running', { attempt, worker, contentKey: plan.contentKey, message: `attempt ${attempt} on worker ${worker}` });
  }

  private onOutcome(workerId: number, outcome: TaskOutcome): void {
    const node = this.graph.byId.get(outcome.taskId);
    const inflight = this.inflight.get(outcome.taskId);
    if (!node || !inflight || inflight.dispatchId !== outcome.dispatchId) return;
    this.inflight.delete(outcome.taskId);
    if (node.state.status !== 'running') return; // cancelled or reverted while it ran
    if (outcome.ok) {
      this.transition(node, 'completed', {
        worker: workerId,
        contentKey: keyOnceRun(inflight.plan, outcome.checksum),
        outputPath: outcome.outputPath,
        checksum: outcome.checksum,
        message: node.state.attempt > 1 ? `recovered on attempt ${node.state.attempt}` : null,
      });
      node.forceRecompute = false;
      if (outcome.outputPath) this.damagedOutputs.delete(outcome.outputPath);
      const stored = inflight.plan.job.output?.format !== 'source';
      if (outcome.outputPath && stored && this.plan.corruptsOutput(node.nodeId, `${node.state.attempt}:${node.state.lastSeq}`)) {
        corruptFile(outcome.outputPath);
        this.damagedOutputs.add(outcome.outputPath);
      }
      this.afterCompleted(node);
    } else {
      this.onFailure(node, workerId, outcome.kind, outcome.message, outcome.parentNodeId);
    }
    this.schedulePump();
  }

  private afterCompleted(node: TaskNode): void {
    if (this.graph.isSink(node) && node.state.outputPath) {
      // Just written by a worker or just verified for reuse: only a fault since then can have hurt it.
      const knownGood = !this.damagedOutputs.has(node.state.outputPath);
      const problem = this.exporter.exportSink(node.nodeId, node.state.outputPath, node.state.checksum, knownGood);
      if (problem) return this.revert(node, problem.kind, problem.message);
    }
    // Depth-first: the first child comes off the queue first, on this node's worker if it has room.
    for (let i = node.children.length - 1; i >= 0; i--) this.offer(this.graph.get(node.children[i]!), true);
  }

  private onFailure(node: TaskNode, worker: number, kind: FailureKind, message: string, parentNodeId?: string): void {
    const policy = FAILURE_POLICY[kind];
    const attempt = node.state.attempt;
    if (policy === 'revert-parent') {
      const parent = parentNodeId ? this.graph.byNodeId.get(parentNodeId) : undefined;
      this.transition(node, 'pending', {
        attempt: attempt - 1,
        worker,
        errorKind: kind,
        errorMessage: message,
        message: `waiting for ${parentNodeId} to re-run`,
      });
      if (parent && parent.state.status === 'completed') this.revert(parent, kind, message);
      this.offer(node);
      return;
    }
    if (policy === 'dead' || attempt >= this.settings.maxAttempts) {
      const why = policy === 'dead' ? message : `${message} (gave up after ${attempt} attempts)`;
      return this.markDead(node, kind, why, worker);
    }
    const delay = backoffDelayMs(attempt, this.settings, this.plan.jitter(node.nodeId, `${attempt}:${node.state.lastSeq}`));
    this.transition(node, 'failed', {
      worker,
      errorKind: kind,
      errorMessage: message,
      retryAt: Date.now() + delay,
      message: `retry ${attempt + 1} of ${this.settings.maxAttempts} in ${delay} ms`,
    });
    this.armRetry(node);
  }

  /** A failed task goes back to pending when its backoff has passed. */
  private armRetry(node: TaskNode): void {
    if (node.retryTimer) clearTimeout(node.retryTimer);
    const wait = Math.max(0, (node.state.retryAt ?? 0) - Date.now());
    node.retryTimer = setTimeout(() => {
      node.retryTimer = null;
      if (node.state.status !== 'failed' || this.run?.status === 'cancelled') return;
      this.transition(node, 'pending', { message: `retrying after ${node.state.errorKind}: ${node.state.errorMessage}` });
      this.offer(node);
      this.schedulePump();
    }, wait);
  }

  /**
   * Back to pending with a fresh count of attempts; the output is recomputed, not reused. A
   * revert the engine made has a failure kind (the output was missing or damaged); one made by
   * hand has none and is no error.
   */
  revert(node: TaskNode, kind: FailureKind | null, why: string): void {
    this.transition(node, 'pending', { attempt: 0, errorKind: kind, errorMessage: kind ? why : null, message: `reverted: ${why}` });
    node.forceRecompute = true;
    this.offer(node);
  }

  markDead(node: TaskNode, kind: FailureKind, message: string, worker: number | null = null): void {
    this.transition(node, 'dead', { worker, errorKind: kind, errorMessage: message, message: 'dead' });
    for (const d of this.graph.descendants(node.id)) {
      if (d.state.status === 'completed' || d.state.status === 'blocked' || d.state.status === 'dead') continue;
      this.transition(d, 'blocked', { message: `blocked: ${node.nodeId} is dead`, errorMessage: `ancestor ${node.nodeId} is dead: ${message}` });
    }
  }

  cancelTask(node: TaskNode, why: string): void {
    this.inflight.delete(node.id);
    this.transition(node, 'cancelled', { errorKind: 'cancelled', message: why });
    for (const d of this.graph.descendants(node.id)) {
      if (d.state.status === 'completed' || d.state.status === 'cancelled' || d.state.status === 'dead') continue;
      this.transition(d, 'blocked', { message: `blocked: ${node.nodeId} was cancelled` });
    }
  }

  private checkRunEnd(): void {
    if (this.run?.status !== 'running' || this.pool.busyCount() > 0 || this.ready.size > 0) return;
    for (const node of this.graph.byId.values()) {
      const s = node.state.status;
      if (s === 'running' || s === 'failed') return;
      if (s === 'pending' && this.graph.parentsCompleted(node)) return;
    }
    // Before declaring victory, every sink's exported file must match its journaled checksum.
    for (const node of this.graph.byId.values()) {
      if (node.state.status !== 'completed' || !this.graph.isSink(node) || !node.state.outputPath) continue;
      const problem = this.exporter.ensureExport(node.nodeId, node.state.outputPath, node.state.checksum);
      if (problem) this.revert(node, problem.kind, problem.message);
    }
    if (this.queued.length > 0) {
      this.schedulePump();
      return;
    }
    const { status, outcome } = runOutcome(this.graph);
    this.setRunStatus(status, true, outcome);
    this.resolveRunEnd();
  }

  private resolveRunEnd(): void {
    const summary = this.summary();
    for (const resolve of this.runEndWaiters.splice(0)) resolve(summary);
  }
}

function prepareOutDir(outDir: string): void {
  try {
    mkdirSync(join(outDir, '.objects'), { recursive: true });
    accessSync(outDir, constants.W_OK);
  } catch (e) {
    throw new EngineError('out_dir_unwritable', `cannot write outputs to ${outDir}: ${(e as Error).message}`);
  }
}
