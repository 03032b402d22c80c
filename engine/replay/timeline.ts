import type Database from 'better-sqlite3';
import { momentOf, TASK_STATUSES, type FailureKind, type ReplayInfo, type ReplayMark, type ReplayState, type TaskStatus } from '../contract/index.js';
import { Journal, type TaskState } from '../journal/journal.js';
import { settingsAt } from '../journal/settings-at.js';
import { describeFaults } from './fault-summary.js';
import { markLabel, type MarkableEvent } from './marks.js';
import { loadReplayGraph, type ReplayGraph } from './replay-graph.js';
import { TimelineCursor } from './timeline-cursor.js';

export interface TimelineOptions {
  /** Events between checkpoints: stateAt replays at most this many events. */
  checkpointEvery?: number;
}

/** Every task's projected state after the events up to seq, with the running totals. */
export interface TimelinePoint {
  seq: number;
  at: number;
  /** By task id, like the task_state table (tasks without an event yet are absent). */
  tasks: Map<number, TaskState>;
  counters: ReplayState['counters'];
}

/** The scrubber shows this many marks at most; denser journals are thinned evenly. */
const MAX_INFO_MARKS = 2000;

type CursorRow = [seq: number, taskId: number, status: TaskStatus, errorKind: FailureKind | null, at: number, attempt: number];
type IndexRow = [...CursorRow, worker: number | null];
interface MarkRow extends MarkableEvent {
  seq: number;
  at: number;
  nodeId: string;
}

/**
 * Time travel over a journal, reading only. One pass indexes the events into checkpoints (every
 * K events, each a compact copy of every task's latest seq), so the state at any seq costs at
 * most K events to walk plus one query for the rows those seqs point to, never a replay from
 * the start. refresh() indexes events appended since, so a live run can be scrubbed too.
 * Assumes `at` never decreases with seq (the engine stamps events with Date.now as it appends).
 */
export class Timeline {
  private readonly checkpointEvery: number;
  private readonly slotOf = new Map<number, number>();
  private readonly checkpoints: TimelineCursor[] = [TimelineCursor.empty()];
  private readonly head = TimelineCursor.empty();
  /** Seqs of the failures, deaths and recoveries; their labels are read back when asked for. */
  private readonly markSeqs: number[] = [];
  private readonly workerIds = new Set<number>();
  private firstSeq = 0;
  private startAt = 0;
  private currentGraph: ReplayGraph;
  /** For its prepared reads of the graph; the Timeline never appends. */
  private readonly journal: Journal;
  /** The pipeline replayed (the journal's latest) and the seq its own events come after. */
  readonly pipelineId: number;
  private readonly fromSeq: number;

  private readonly s;

  constructor(
    readonly db: Database.Database,
    options: TimelineOptions = {},
  ) {
    this.checkpointEvery = Math.max(1, options.checkpointEvery ?? 1000);
    this.s = {
      newEvents: db.prepare('SELECT seq, task_id, status, error_kind, at, attempt, worker FROM events WHERE seq > ? ORDER BY seq').raw(),
      eventsBetween: db.prepare('SELECT seq, task_id, status, error_kind, at, attempt FROM events WHERE seq > ? AND seq <= ? ORDER BY seq').raw(),
      eventTimes: db.prepare('SELECT seq, at FROM events WHERE seq > ? AND seq <= ? ORDER BY seq').raw(),
      rowsBySeq: db.prepare(`SELECT task_id AS taskId, status, attempt, worker, at, content_key AS contentKey,
        output_path AS outputPath, checksum, error_kind AS errorKind, error_message AS errorMessage, message,
        retry_at AS retryAt, seq AS lastSeq FROM events WHERE seq IN (SELECT value FROM json_each(?))`),
      lastSeqAtOrBefore: db.prepare('SELECT max(seq) AS seq FROM events WHERE seq > ? AND seq <= ? AND at <= ?'),
      marks: db.prepare(`SELECT e.seq, e.at, t.node_id AS nodeId, e.status, e.attempt, e.error_kind AS errorKind, e.message
        FROM events e JOIN tasks t ON t.id = e.task_id WHERE e.seq IN (SELECT value FROM json_each(?)) ORDER BY e.seq`),
    };
    this.journal = new Journal(db, db.name);
    const pipeline = this.journal.latestPipeline();
    this.pipelineId = pipeline?.id ?? 0;
    this.fromSeq = pipeline?.startSeq ?? 0;
    this.head.seq = this.fromSeq;
    this.checkpoints[0]!.seq = this.fromSeq;
    this.currentGraph = loadReplayGraph(this.journal);
    this.refresh();
  }

  get lastSeq(): number {
    return this.head.seq;
  }

  /** Wall-clock time of the first event (0 when there is none). */
  get startedAt(): number {
    return this.startAt;
  }

  /** The graph as of the last refresh: callers drawing many frames should hold on to one. */
  get graph(): ReplayGraph {
    return this.currentGraph;
  }

  /** Indexes events appended since the last call, and rereads the graph (it may have been edited). */
  refresh(): void {
    this.currentGraph = loadReplayGraph(this.journal);
    for (const [seq, taskId, status, errorKind, at, attempt, worker] of this.s.newEvents.iterate(this.head.seq) as Iterable<IndexRow>) {
      if (this.firstSeq === 0) {
        this.firstSeq = seq;
        this.startAt = at;
      }
      if (worker !== null) this.workerIds.add(worker);
      if (this.head.apply(this.slotFor(taskId), { seq, status, errorKind, at, attempt })) this.markSeqs.push(seq);
      // At least one event per slot between checkpoints keeps their total size within O(events).
      const interval = Math.max(this.checkpointEvery, this.slotOf.size);
      if (this.head.events - this.checkpoints.at(-1)!.events >= interval) this.checkpoints.push(this.head.clone(this.slotOf.size));
    }
  }

  info(): ReplayInfo {
    const stride = Math.ceil(this.markSeqs.length / MAX_INFO_MARKS);
    return {
      firstSeq: this.firstSeq,
      lastSeq: this.firstSeq === 0 ? 0 : this.head.seq,
      startAt: this.startAt,
      endAt: this.head.at,
      marks: this.readMarks(stride <= 1 ? this.markSeqs : this.markSeqs.filter((_, i) => i % stride === 0)),
    };
  }

  /** The projection as it was right after event seq was written (clamped to the indexed range). */
  pointAt(seq: number): TimelinePoint {
    const target = Math.min(Math.max(this.fromSeq, seq), this.head.seq);
    const cursor = this.checkpointAtOrBefore(target).clone(this.slotOf.size);
    for (const [s, taskId, status, errorKind, at, attempt] of this.s.eventsBetween.iterate(cursor.seq, target) as Iterable<CursorRow>) {
      cursor.apply(this.slotOf.get(taskId)!, { seq: s, status, errorKind, at, attempt });
    }
    const seqs = Array.from(cursor.lastSeq.filter((s) => s > 0));
    const rows = this.s.rowsBySeq.all(JSON.stringify(seqs)) as Array<Omit<TaskState, 'eventCount'>>;
    const tasks = new Map(rows.map((r) => [r.taskId, { ...r, eventCount: cursor.eventCounts[this.slotOf.get(r.taskId)!]! }]));
    const byStatus = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
    for (const node of this.graph.nodes) byStatus[tasks.get(node.taskId)?.status ?? 'pending']++;
    return {
      seq: cursor.seq,
      at: cursor.at,
      tasks,
      counters: { byStatus, retries: cursor.retries, recoveries: cursor.recoveries, events: cursor.events },
    };
  }

  /** What the scrubbing canvas shows: the graph's tasks at seq, and which task each worker held. */
  stateAt(seq: number): ReplayState {
    const point = this.pointAt(seq);
    const tasks = this.graph.nodes.map((node) => {
      const t = point.tasks.get(node.taskId);
      return {
        id: node.id,
        status: t?.status ?? 'pending',
        attempt: t?.attempt ?? 0,
        worker: t?.worker ?? null,
        message: t?.message ?? null,
        errorKind: t?.errorKind ?? null,
        errorMessage: t?.errorMessage ?? null,
      };
    });
    const workers = [...this.workerIds]
      .sort((a, b) => a - b)
      .map((id) => ({ id, task: tasks.find((t) => t.status === 'running' && t.worker === id)?.id ?? null }));
    return { seq: point.seq, at: point.at, tasks, counters: point.counters, workers };
  }

  /** The last event at or before wall-clock time at (0 before the first event). */
  seqAtTime(at: number): number {
    const i = lastIndexWhere(this.checkpoints, (c) => c.events === 0 || c.at <= at);
    const from = this.checkpoints[i]!;
    const to = this.checkpoints[i + 1]?.seq ?? this.head.seq;
    const found = (this.s.lastSeqAtOrBefore.get(from.seq, to, at) as { seq: number | null }).seq;
    return found ?? from.seq;
  }

  /** The fault settings in force right after seq, in words: journaled changes, else what the run started with. */
  faultsAt(seq: number): string | null {
    const journaled = settingsAt(this.journal, seq);
    return journaled ? describeFaults(journaled.faults) : this.graph.faults;
  }

  /** The pipeline's latest run, whose summary closes a GIF (undefined before any run). */
  latestRunId(): number | undefined {
    return this.journal.latestRun(this.pipelineId)?.id;
  }

  /** The latest failure, death or recovery at or before seq: the GIF's caption. */
  markAt(seq: number): ReplayMark | undefined {
    const i = lastIndexWhere(this.markSeqs, (s) => s <= seq);
    return i < 0 ? undefined : this.readMarks([this.markSeqs[i]!])[0];
  }

  /** Every indexed event as [seq, at, is it a mark], streamed in order: the GIF's frame clock. */
  *eventClock(): Generator<[seq: number, at: number, isMark: boolean]> {
    let m = 0;
    for (const [seq, at] of this.s.eventTimes.iterate(this.fromSeq, this.head.seq) as Iterable<[number, number]>) {
      while (m < this.markSeqs.length && this.markSeqs[m]! < seq) m++;
      yield [seq, at, this.markSeqs[m] === seq];
    }
  }

  private checkpointAtOrBefore(seq: number): TimelineCursor {
    return this.checkpoints[lastIndexWhere(this.checkpoints, (c) => c.seq <= seq)]!;
  }

  private slotFor(taskId: number): number {
    let slot = this.slotOf.get(taskId);
    if (slot === undefined) this.slotOf.set(taskId, (slot = this.slotOf.size));
    return slot;
  }

  private readMarks(seqs: readonly number[]): ReplayMark[] {
    return (this.s.marks.all(JSON.stringify(seqs)) as MarkRow[]).map((r) => {
      const kind = momentOf(r)!;
      return { seq: r.seq, at: r.at, kind, nodeId: r.nodeId, label: markLabel(kind, r.nodeId, r) };
    });
  }
}

/** Binary search over items ordered so that pred holds for a prefix: the last such index (-1 if none). */
function lastIndexWhere<T>(items: readonly T[], pred: (item: T) => boolean): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (pred(items[mid]!)) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
