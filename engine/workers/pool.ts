import '../ops/sharp.js'; // sharp must be loaded in the main thread before any worker thread loads it
import { Worker } from 'node:worker_threads';
import type { WorkerView } from '../contract/index.js';
import { opsForWorker } from './affinity.js';
import { describeExit } from './exit-codes.js';
import { FromWorker, HEARTBEAT_MS, ToWorker, type FromWorkerMessage, type TaskJob, type TaskOutcome } from './messages.js';

const WORKER_ENTRY = new URL('./worker-main.js', import.meta.url);
const HEARTBEAT_GRACE_MS = Math.max(1_000, HEARTBEAT_MS * 5);
const WATCHDOG_MS = 50;

interface Held {
  job: TaskJob;
  deadline: number;
}

interface Slot {
  id: number;
  ops: Set<string>;
  worker: Worker | null;
  ready: boolean;
  retiring: boolean;
  held: Map<number, Held>;
  /** Jobs dispatched in this scheduling pass, not yet posted to the thread. */
  outbox: TaskJob[];
  restarts: number;
  tasksDone: number;
  lastHeartbeat: number;
  lastExit: string | null;
  /** Why we terminated it ourselves, so the exit handler can say so. */
  killedFor: 'timeout' | 'heartbeat' | 'shutdown' | null;
}

export interface PoolOptions {
  size: number;
  timeoutMs: number;
  tasksPerWorker: number;
  affinity?: readonly string[][];
}

/** Who hears of the pool's outcomes and changes; set by connect(), silent until then. */
export interface PoolListener {
  onOutcome: (workerId: number, outcome: TaskOutcome) => void;
  onChange: () => void;
}

/**
 * The worker threads: dispatch by op affinity, heartbeats, a per-task timeout that terminates
 * the thread, and a respawn after any exit. A job lost with its thread comes back as a failed
 * outcome (worker_crashed or timeout), so the scheduler sees every job end exactly once.
 */
export class WorkerPool {
  private readonly slots: Slot[] = [];
  private readonly watchdog: NodeJS.Timeout;
  private closed = false;
  private listener: PoolListener = { onOutcome: () => {}, onChange: () => {} };

  /**
   * Starts the threads at once: each needs ~75 ms (mostly loading sharp) before it can take a
   * job, so the engine creates its pool before opening the journal and connects to it after.
   */
  constructor(private readonly options: PoolOptions) {
    this.grow(options.size);
    this.watchdog = setInterval(() => this.checkDeadlines(), WATCHDOG_MS);
    this.watchdog.unref();
  }

  /** No job can have been dispatched before this, so the only news missed is a thread being ready. */
  connect(listener: PoolListener): void {
    this.listener = listener;
  }

  setTimeoutMs(ms: number): void {
    this.options.timeoutMs = ms;
  }

  /** Grows at once; shrinks by retiring the extra workers as soon as they are idle. */
  resize(size: number): void {
    this.options.size = size;
    for (let i = 0; i < this.slots.length; i++) {
      const slot = this.slots[i]!;
      slot.retiring = i >= size;
      slot.ops = new Set(opsForWorker(i, size, this.options.affinity));
      if (slot.retiring) this.retireIfIdle(slot);
      else if (!slot.worker) this.spawn(slot);
    }
    this.grow(size);
    this.listener.onChange();
  }

  private grow(size: number): void {
    for (let i = this.slots.length; i < size; i++) {
      const slot: Slot = {
        id: i,
        ops: new Set(opsForWorker(i, size, this.options.affinity)),
        worker: null,
        ready: false,
        retiring: false,
        held: new Map(),
        outbox: [],
        restarts: 0,
        tasksDone: 0,
        lastHeartbeat: Date.now(),
        lastExit: null,
        killedFor: null,
      };
      this.slots.push(slot);
      this.spawn(slot);
    }
  }

  /**
   * Gives a job to a worker that takes its op and has room, `preferred` if it can (the worker
   * that made the job's first input still holds its pixels); returns the worker id or null.
   * The job travels with the others of this scheduling pass when the caller calls
   * sendDispatched().
   */
  dispatch(job: TaskJob, preferred: number | null = null): number | null {
    const slot = this.pickSlot(job.op, preferred);
    if (!slot) return null;
    slot.held.set(job.dispatchId, { job, deadline: Date.now() + this.options.timeoutMs });
    if (slot.held.size === 1) slot.lastHeartbeat = Date.now();
    slot.outbox.push(job);
    return slot.id;
  }

  /** Posts each worker's jobs of this pass in one message. */
  sendDispatched(): void {
    let sent = false;
    for (const slot of this.slots) {
      if (slot.outbox.length === 0) continue;
      slot.worker?.postMessage({ type: ToWorker.Run, jobs: slot.outbox });
      slot.outbox = [];
      sent = true;
    }
    if (sent) this.listener.onChange();
  }

  hasRoomFor(op: string): boolean {
    return this.pickSlot(op) !== null;
  }

  /** The preferred worker if it takes the op and has room, else the least loaded one that does. */
  private pickSlot(op: string, preferred: number | null = null): Slot | null {
    const first = preferred === null ? undefined : this.slots[preferred];
    if (first && this.hasRoom(first, op)) return first;
    let best: Slot | null = null;
    for (const slot of this.slots) {
      if (!this.hasRoom(slot, op)) continue;
      if (!best || slot.held.size < best.held.size) best = slot;
    }
    return best;
  }

  private hasRoom(slot: Slot, op: string): boolean {
    return !slot.retiring && slot.worker !== null && slot.ops.has(op) && slot.held.size < this.options.tasksPerWorker;
  }

  busyCount(): number {
    return this.slots.reduce((n, s) => n + s.held.size, 0);
  }

  views(): WorkerView[] {
    return this.slots
      .filter((s) => !s.retiring || s.worker)
      .map((s) => ({
        id: s.id,
        ops: [...s.ops],
        state: s.worker === null ? 'restarting' : !s.ready ? 'starting' : s.held.size > 0 ? 'busy' : 'idle',
        task: s.held.size > 0 ? s.held.values().next().value!.job.nodeId : null,
        restarts: s.restarts,
        tasksDone: s.tasksDone,
        lastExit: s.lastExit,
      }));
  }

  private spawn(slot: Slot): void {
    if (this.closed) return;
    const worker = new Worker(WORKER_ENTRY, { name: `faultline-worker-${slot.id}` });
    slot.worker = worker;
    slot.ready = false;
    slot.killedFor = null;
    slot.lastHeartbeat = Date.now();
    worker.on('message', (message: FromWorkerMessage) => this.onMessage(slot, worker, message));
    // An uncaught throw in the thread arrives here first, then 'exit'.
    worker.on('error', (error) => {
      slot.lastExit = `crashed: ${error.message}`;
    });
    worker.on('exit', (code) => this.onExit(slot, worker, code));
  }

  private onMessage(slot: Slot, worker: Worker, message: FromWorkerMessage): void {
    if (slot.worker !== worker) return;
    slot.lastHeartbeat = Date.now();
    switch (message.type) {
      case FromWorker.Ready:
        slot.ready = true;
        this.listener.onChange();
        break;
      case FromWorker.Heartbeat:
        break;
      case FromWorker.Done: {
        for (const outcome of message.outcomes) {
          if (!slot.held.delete(outcome.dispatchId)) continue;
          slot.tasksDone++;
          this.listener.onOutcome(slot.id, outcome);
        }
        this.listener.onChange();
        if (slot.retiring) this.retireIfIdle(slot);
        break;
      }
    }
  }

  private onExit(slot: Slot, worker: Worker, code: number): void {
    if (slot.worker !== worker) return;
    const reason = describeExit(code, slot.killedFor);
    const killedFor = slot.killedFor;
    slot.worker = null;
    slot.ready = false;
    if (killedFor !== 'shutdown') {
      slot.lastExit = reason;
      slot.restarts++;
    }
    const lost = [...slot.held.values()];
    slot.held.clear();
    slot.outbox = [];
    for (const { job } of lost) {
      const kind = killedFor === 'timeout' || killedFor === 'heartbeat' ? 'timeout' : 'worker_crashed';
      this.listener.onOutcome(slot.id, { taskId: job.taskId, dispatchId: job.dispatchId, ok: false, kind, message: `worker ${slot.id} ${reason}` });
    }
    if (!this.closed && !slot.retiring) this.spawn(slot);
    this.listener.onChange();
  }

  private checkDeadlines(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (!slot.worker || slot.held.size === 0 || slot.killedFor) continue;
      const late = [...slot.held.values()].some((h) => now > h.deadline);
      if (late) this.kill(slot, 'timeout');
      else if (now - slot.lastHeartbeat > HEARTBEAT_GRACE_MS) this.kill(slot, 'heartbeat');
    }
  }

  private kill(slot: Slot, why: 'timeout' | 'heartbeat' | 'shutdown'): void {
    slot.killedFor = why;
    const worker = slot.worker;
    void worker?.terminate();
    // A thread inside native code stops only when that code returns (libvips checks its own
    // time limit between regions, which can take many seconds): its jobs end at the deadline
    // and a fresh thread takes its place now. Its late 'exit' and messages are ignored.
    if (why !== 'shutdown' && worker) this.onExit(slot, worker, 1);
  }

  private retireIfIdle(slot: Slot): void {
    if (slot.held.size === 0 && slot.worker) this.kill(slot, 'shutdown');
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.watchdog);
    await Promise.all(
      this.slots.map((slot) => {
        slot.killedFor = 'shutdown';
        return slot.worker?.terminate();
      }),
    );
  }
}
