import type { EngineEvent, EngineSettings, RunView, TaskStatus } from '../contract/index.js';
import { EngineError } from '../errors.js';
import type { NodeProblem } from '../graph/validate-pipeline.js';
import type { BatchReport } from '../batch/sync-items.js';
import { exportNameOf, taskName } from '../batch/item-names.js';
import type { Journal } from '../journal/journal.js';
import type { Ledger } from './ledger.js';
import { photoEditedSinceLoaded } from './photo-edits.js';
import type { PipelineScope } from './pipeline-scope.js';
import type { ProblemWatcher } from './problem-watcher.js';
import { runOutcome } from './run-outcome.js';
import type { SinkExporter } from './sink-exporter.js';
import type { TaskNode } from './task-graph.js';
import type { TaskScheduler } from './task-scheduler.js';

export interface RunSummary {
  run: RunView | null;
  sinks: Array<{ nodeId: string; status: TaskStatus; path: string | null }>;
  /** One line per task that is dead or blocked, saying why. */
  problems: string[];
  /** The journal's storage failed mid-run and the run stopped there. */
  halted: EngineError | null;
  /** What the folders held at the run's start: photos found, added, gone, renamed outputs. */
  batch: BatchReport;
}

export interface RunParts {
  journal: Journal;
  scope: PipelineScope;
  ledger: Ledger;
  scheduler: TaskScheduler;
  exporter: SinkExporter;
  problems: ProblemWatcher;
  /** The settings in force, journaled with each new run. */
  engineSettings(): EngineSettings;
  validate(): Promise<NodeProblem[]>;
  /** Lists the folders again and updates their items (engine/batch/sync-items.ts). */
  syncBatch(): void;
  /** The journal's integrity check: null when sound. */
  integrity: Promise<EngineError | null>;
  halted(): EngineError | null;
  /** Resets a node and what depends on it to pending (the graph editor's reset). */
  resetFrom(node: TaskNode, why: string): void;
  emit(event: EngineEvent): void;
  schedulePump(): void;
  outDir: string;
  sources: { baseDir: string; allowedDirs: readonly string[] };
}

/**
 * The run controller: a run's lifecycle as the journal records it (start or resume, pause,
 * cancel, end) and the summary a host prints when it is over.
 */
export class RunController {
  private readonly endWaiters: Array<(summary: RunSummary) => void> = [];

  constructor(private readonly p: RunParts) {}

  get view(): RunView | null {
    const run = this.p.scope.run;
    if (!run) return null;
    const { id, status, startedAt, endedAt, outDir, outcome } = run;
    return { id, status: status as RunView['status'], startedAt, endedAt, outDir, outcome };
  }

  get active(): boolean {
    const status = this.p.scope.run?.status;
    return status === 'running' || status === 'paused';
  }

  /** Resumes the unfinished run, or starts a new one in which dead, blocked and cancelled tasks get a fresh chance. */
  async start(): Promise<RunView> {
    const { scope, ledger, scheduler } = this.p;
    // Photos added to (or gone from) a folder since the last run are found now.
    if (!this.active) this.p.syncBatch();
    const [found, damaged] = await Promise.all([this.p.validate(), this.p.integrity]);
    const halted = damaged ?? this.p.halted();
    if (halted) throw halted;
    this.p.problems.set(found);
    const problems = found.filter((p) => p.blocking);
    if (problems.length > 0) {
      const nodes = new Set(problems.map((p) => p.nodeId)).size;
      const what = `${nodes} node${nodes === 1 ? '' : 's'} cannot run (marked on the canvas); nothing was started`;
      throw new EngineError(
        'pipeline_invalid',
        `${scope.pipelineName}: ${what}`,
        problems.map((p) => p.line),
      );
    }
    if (!this.active) {
      const runId = this.p.journal.createRun(scope.pipelineId, this.p.outDir, this.p.engineSettings());
      scope.run = this.p.journal.latestRun(scope.pipelineId)!;
      for (const node of scope.graph.byId.values()) {
        if (node.template) continue;
        if (node.state.status === 'dead' || node.state.status === 'blocked' || node.state.status === 'cancelled') {
          ledger.transition(node, 'pending', { attempt: 0, message: `fresh start in run ${runId}` });
        }
      }
    }
    this.setStatus('running');
    for (const node of photoEditedSinceLoaded(scope.graph, this.p.sources)) this.p.resetFrom(node, 'its photo changed since it was loaded');
    for (const node of scope.graph.byId.values()) {
      if (node.state.status === 'failed') scheduler.armRetry(node);
      else scheduler.offer(node);
    }
    this.p.schedulePump();
    return this.view!;
  }

  pause(): RunView | null {
    if (this.p.scope.run?.status === 'running') this.setStatus('paused');
    return this.view;
  }

  resume(): RunView | null {
    if (this.p.scope.run?.status === 'paused') {
      this.setStatus('running');
      this.p.schedulePump();
    }
    return this.view;
  }

  cancel(): RunView | null {
    if (!this.active) return this.view;
    for (const node of this.p.scope.graph.byId.values()) {
      const s = node.state.status;
      if (!node.template && (s === 'pending' || s === 'running' || s === 'failed')) this.p.scheduler.cancelTask(node, 'run cancelled');
    }
    this.p.ledger.flush();
    this.setStatus('cancelled', true, 'cancelled by hand');
    this.resolveEnd();
    return this.view;
  }

  private setStatus(status: RunView['status'], ended = false, outcome: string | null = null): void {
    const { scope } = this.p;
    if (!scope.run) return;
    this.p.journal.setRunStatus(scope.run.id, status, ended, outcome);
    scope.run = { ...scope.run, status, endedAt: ended ? Date.now() : null, outcome };
    this.p.emit({ kind: 'run', run: this.view });
  }

  /** Resolves when the current run completes, fails, or is cancelled (or the journal fails). */
  waitForEnd(): Promise<RunSummary> {
    if (!this.active || this.p.halted()) return Promise.resolve(this.summary());
    return new Promise((resolve) => this.endWaiters.push(resolve));
  }

  summary(): RunSummary {
    const { graph } = this.p.scope;
    const nodes = [...graph.byId.values()].filter((n) => !n.template);
    return {
      run: this.view,
      halted: this.p.halted(),
      sinks: nodes
        .filter((n) => graph.isSink(n))
        .map((n) => ({
          nodeId: n.nodeId,
          status: n.state.status,
          path: n.state.status === 'completed' ? this.p.exporter.exportPath(exportNameOf(n)) : null,
        })),
      problems: nodes
        .filter((n) => n.state.status === 'dead' || n.state.status === 'blocked' || n.state.status === 'cancelled')
        .map((n) => `${taskName(n)} (${n.op}) is ${n.state.status}: ${n.state.errorMessage ?? n.state.message ?? 'no reason recorded'}`),
      batch: this.p.scope.batch,
    };
  }

  /** Ends the run when nothing can happen any more; called after every pump. */
  checkEnd(): void {
    const { scope, scheduler } = this.p;
    if (scope.run?.status !== 'running' || !scheduler.idle) return;
    for (const node of scope.graph.byId.values()) {
      if (node.template) continue;
      const s = node.state.status;
      if (s === 'running' || s === 'failed') return;
      if (s === 'pending' && scope.graph.parentsCompleted(node)) return;
    }
    // Before declaring victory, every sink's exported file must match its journaled checksum.
    for (const node of scope.graph.byId.values()) {
      if (node.template || node.state.status !== 'completed' || !scope.graph.isSink(node) || !node.state.outputPath) continue;
      const problem = this.p.exporter.ensureExport(exportNameOf(node), node.state.outputPath, node.state.checksum);
      if (problem) scheduler.revert(node, problem.kind, problem.message);
    }
    if (this.p.ledger.hasQueued) {
      this.p.schedulePump();
      return;
    }
    const { status, outcome } = runOutcome(scope.graph);
    this.setStatus(status, true, outcome);
    this.resolveEnd();
  }

  /** Tells everyone waiting for the end; also when the journal failed and nothing more can happen. */
  resolveEnd(): void {
    const summary = this.summary();
    for (const resolve of this.endWaiters.splice(0)) resolve(summary);
  }
}
