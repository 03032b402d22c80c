import type { FailureKind, RunSettings } from '../contract/index.js';
import { corruptFile, removeFile } from '../faults/damage-file.js';
import type { FaultPlan } from '../faults/fault-plan.js';
import type { TaskOutcome } from '../workers/messages.js';
import type { WorkerPool } from '../workers/pool.js';
import { backoffDelayMs } from './backoff.js';
import { FAILURE_POLICY } from './failure-policy.js';
import type { Ledger } from './ledger.js';
import type { PipelineScope } from './pipeline-scope.js';
import { keyOnceRun, prepareJob, type JobContext, type JobPlan } from './prepare-job.js';
import { ReadyQueue } from './ready-queue.js';
import type { SinkExporter } from './sink-exporter.js';
import { exportNameOf, taskName } from '../batch/item-names.js';
import type { TaskNode } from './task-graph.js';

export interface SchedulerParts {
  scope: PipelineScope;
  ledger: Ledger;
  pool: WorkerPool;
  plan: FaultPlan;
  exporter: SinkExporter;
  settings(): RunSettings;
  /** Where jobs read and write, fixed for the engine's life. */
  where: Omit<JobContext, 'graph' | 'damagedOutputs' | 'timeoutMs'>;
  tasksPerWorker: number;
  /** The run was cancelled: a backoff that ends now brings nothing back. */
  runCancelled(): boolean;
  /** Asks for another pass: something changed that may let work start or the run end. */
  schedulePump(): void;
}

/**
 * The scheduler of ready work and outcomes: what may start, dispatch to the threads, and what
 * each outcome means (completion, retry with backoff, revert of a parent, death). Every
 * decision is a transition on the ledger; faults are decided here, keyed on the task's own
 * history (its attempt and event count), so a seed injects the same faults whatever the
 * worker count.
 */
export class TaskScheduler {
  private readonly ready = new ReadyQueue();
  private readonly inflight = new Map<number, { dispatchId: number; plan: JobPlan }>();
  private nextDispatchId = 1;
  private readonly damagedOutputs = new Set<string>();
  /**
   * Outputs completed and not yet committed, by content key, with the ledger batch that carries
   * them: a task started meanwhile (a sibling with the same definition) must find them, though
   * the journal does not have them yet.
   */
  private readonly uncommitted = new Map<string, { outputPath: string | null; checksum: string | null; batch: number }>();

  /** Made once: start() runs for every task. Graph and timeout are read when used, as they change. */
  private readonly jobs: JobContext;

  constructor(private readonly p: SchedulerParts) {
    const { scope, where, settings } = p;
    this.jobs = {
      ...where,
      completedByKey: (key) => this.uncommitted.get(key) ?? where.completedByKey(key),
      get graph() {
        return scope.graph;
      },
      damagedOutputs: this.damagedOutputs,
      get timeoutMs() {
        return settings().timeoutMs;
      },
    };
  }

  /** Nothing dispatched, nothing waiting to be. */
  get idle(): boolean {
    return this.p.pool.busyCount() === 0 && this.ready.size === 0;
  }

  /** Puts a task on the ready queue if it can run now; `next`: ahead of the tasks already queued. */
  offer(node: TaskNode, next = false): void {
    // A mapped node never runs itself: its items do.
    if (node.template || node.state.status !== 'pending' || node.queued || !this.p.scope.graph.parentsCompleted(node)) return;
    node.queued = true;
    if (next) this.ready.pushNext(node.id);
    else this.ready.push(node.id);
  }

  startReady(): void {
    const { graph } = this.p.scope;
    const deferred: number[] = [];
    for (let id = this.ready.shift(); id !== undefined; id = this.ready.shift()) {
      const node = graph.byId.get(id);
      if (!node) continue;
      node.queued = false;
      if (node.state.status !== 'pending' || !graph.parentsCompleted(node)) continue;
      if (!this.p.pool.hasRoomFor(node.op)) {
        node.queued = true;
        deferred.push(id);
        if (this.p.pool.busyCount() >= this.p.settings().workers * this.p.tasksPerWorker) break;
        continue;
      }
      this.start(node);
    }
    this.ready.unshift(deferred);
    this.p.pool.sendDispatched(); // before this pass's journal commit, not after it
  }

  /** The ledger's batches up to `batches` are committed: what they completed is in the journal now. */
  committed(batches: number): void {
    for (const [key, entry] of this.uncommitted) if (entry.batch <= batches) this.uncommitted.delete(key);
  }

  private start(node: TaskNode): void {
    const { ledger, plan, pool } = this.p;
    const prepared = prepareJob(this.jobs, node);
    if (prepared.kind === 'dead') return this.markDead(node, prepared.errorKind, prepared.message);
    if (prepared.kind === 'reused') {
      ledger.transition(node, 'completed', {
        contentKey: prepared.contentKey,
        outputPath: prepared.outputPath,
        checksum: prepared.checksum,
        message: 'reused: this content key was computed before',
      });
      return this.afterCompleted(node);
    }
    const { plan: jobPlan } = prepared;
    const attempt = node.state.attempt + 1;
    const moment = faultMoment(attempt, node);
    const injected: string[] = [];
    for (const input of jobPlan.job.inputs) {
      // Faults act on what the engine stores, never on a person's own photo.
      if (input.source || !plan.removesInput(node.nodeId, input.parentNodeId, moment)) continue;
      removeFile(input.path);
      input.tampered = true;
      injected.push(`missing:${input.parentNodeId}`);
    }
    const dispatchId = this.nextDispatchId++;
    const fault = plan.dispatchFault(node.nodeId, moment);
    // Set in place: a spread into a new object cost ~3 µs a task (V8's slow path for spreads).
    const { job } = jobPlan;
    job.dispatchId = dispatchId;
    job.fault = fault;
    job.throttleMs = plan.throttleMs;
    const firstParent = node.inputs.length > 0 ? this.p.scope.graph.get(node.inputs[0]!) : null;
    const worker = pool.dispatch(job, firstParent?.state.worker ?? null);
    if (worker === null) {
      this.offer(node);
      return;
    }
    if (fault) injected.push(fault);
    this.inflight.set(node.id, { dispatchId, plan: jobPlan });
    ledger.transition(node, 'running', {
      attempt,
      worker,
      contentKey: jobPlan.contentKey,
      message: `attempt ${attempt} on worker ${worker}`,
      fault: injected.length > 0 ? injected.join(',') : null,
    });
  }

  onOutcome(workerId: number, outcome: TaskOutcome): void {
    const node = this.p.scope.graph.byId.get(outcome.taskId);
    const inflight = this.inflight.get(outcome.taskId);
    if (!node || !inflight || inflight.dispatchId !== outcome.dispatchId) return;
    this.inflight.delete(outcome.taskId);
    if (node.state.status !== 'running') return; // cancelled or reverted while it ran
    if (outcome.ok) {
      const stored = inflight.plan.job.output?.format !== 'source';
      const corrupt = Boolean(outcome.outputPath) && stored && this.p.plan.corruptsOutput(node.nodeId, faultMoment(node.state.attempt, node));
      this.p.ledger.transition(node, 'completed', {
        worker: workerId,
        contentKey: keyOnceRun(inflight.plan, outcome.checksum),
        outputPath: outcome.outputPath,
        checksum: outcome.checksum,
        message: node.state.attempt > 1 ? `recovered on attempt ${node.state.attempt}` : null,
        fault: corrupt ? 'corrupt' : null,
      });
      node.forceRecompute = false;
      if (node.state.contentKey && outcome.outputPath)
        this.uncommitted.set(node.state.contentKey, {
          outputPath: outcome.outputPath,
          checksum: outcome.checksum,
          batch: this.p.ledger.batchesHanded + 1,
        });
      if (outcome.outputPath) this.damagedOutputs.delete(outcome.outputPath);
      if (corrupt && outcome.outputPath) {
        corruptFile(outcome.outputPath);
        this.damagedOutputs.add(outcome.outputPath);
      }
      this.afterCompleted(node);
    } else {
      this.onFailure(node, workerId, outcome.kind, outcome.message, outcome.parentNodeId);
    }
    this.p.schedulePump();
  }

  private afterCompleted(node: TaskNode): void {
    const { graph } = this.p.scope;
    if (graph.isSink(node) && node.state.outputPath) {
      // Just written by a worker or just verified for reuse: only a fault since then can have hurt it.
      const knownGood = !this.damagedOutputs.has(node.state.outputPath);
      const problem = this.p.exporter.exportSink(exportNameOf(node), node.state.outputPath, node.state.checksum, knownGood);
      if (problem) return this.revert(node, problem.kind, problem.message);
    }
    // Depth-first: the first child comes off the queue first, on this node's worker if it has room.
    for (let i = node.children.length - 1; i >= 0; i--) this.offer(graph.get(node.children[i]!), true);
  }

  private onFailure(node: TaskNode, worker: number, kind: FailureKind, message: string, parentNodeId?: string): void {
    const { ledger, scope } = this.p;
    const settings = this.p.settings();
    const policy = FAILURE_POLICY[kind];
    const attempt = node.state.attempt;
    if (policy === 'revert-parent') {
      const parent = parentNodeId ? scope.graph.byNodeId.get(parentNodeId) : undefined;
      ledger.transition(node, 'pending', {
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
    if (policy === 'dead' || attempt >= settings.maxAttempts) {
      const why = policy === 'dead' ? message : `${message} (gave up after ${attempt} attempts)`;
      return this.markDead(node, kind, why, worker);
    }
    const delay = backoffDelayMs(attempt, settings, this.p.plan.jitter(node.nodeId, faultMoment(attempt, node)));
    ledger.transition(node, 'failed', {
      worker,
      errorKind: kind,
      errorMessage: message,
      retryAt: Date.now() + delay,
      message: `retry ${attempt + 1} of ${settings.maxAttempts} in ${delay} ms`,
    });
    this.armRetry(node);
  }

  /** A failed task goes back to pending when its backoff has passed. */
  armRetry(node: TaskNode): void {
    if (node.retryTimer) clearTimeout(node.retryTimer);
    const wait = Math.max(0, (node.state.retryAt ?? 0) - Date.now());
    node.retryTimer = setTimeout(() => {
      node.retryTimer = null;
      if (node.state.status !== 'failed' || this.p.runCancelled()) return;
      this.p.ledger.transition(node, 'pending', { message: `retrying after ${node.state.errorKind}: ${node.state.errorMessage}` });
      this.offer(node);
      this.p.schedulePump();
    }, wait);
  }

  /** Stops every backoff timer: the engine closes, halts, or opens another pipeline. */
  clearRetries(): void {
    for (const n of this.p.scope.graph.byId.values()) {
      if (n.retryTimer) clearTimeout(n.retryTimer);
      n.retryTimer = null;
    }
  }

  /**
   * Back to pending with a fresh count of attempts; the output is recomputed, not reused. A
   * revert the engine made has a failure kind (the output was missing or damaged); one made by
   * hand has none and is no error.
   */
  revert(node: TaskNode, kind: FailureKind | null, why: string): void {
    this.p.ledger.transition(node, 'pending', { attempt: 0, errorKind: kind, errorMessage: kind ? why : null, message: `reverted: ${why}` });
    node.forceRecompute = true;
    this.offer(node);
  }

  markDead(node: TaskNode, kind: FailureKind, message: string, worker: number | null = null): void {
    const { ledger, scope } = this.p;
    ledger.transition(node, 'dead', { worker, errorKind: kind, errorMessage: message, message: 'dead' });
    for (const d of scope.graph.descendants(node.id)) {
      if (d.state.status === 'completed' || d.state.status === 'blocked' || d.state.status === 'dead') continue;
      ledger.transition(d, 'blocked', {
        message: `blocked: ${taskName(node)} is dead`,
        errorMessage: `ancestor ${taskName(node)} is dead: ${message}`,
      });
    }
  }

  cancelTask(node: TaskNode, why: string): void {
    const { ledger, scope } = this.p;
    this.inflight.delete(node.id);
    ledger.transition(node, 'cancelled', { errorKind: 'cancelled', message: why });
    for (const d of scope.graph.descendants(node.id)) {
      if (d.state.status === 'completed' || d.state.status === 'cancelled' || d.state.status === 'dead') continue;
      ledger.transition(d, 'blocked', { message: `blocked: ${node.nodeId} was cancelled` });
    }
  }
}

/**
 * What a fault decision is keyed on besides seed and node: the attempt and how many events the
 * task has had. Both follow from the task's own history alone, never from the journal's global
 * seq, so other tasks' interleaving (worker count, timing) cannot change the faults it gets.
 */
function faultMoment(attempt: number, node: TaskNode): string {
  return `${attempt}:${node.state.eventCount}`;
}
