import type { FailureKind, TaskStatus } from '../contract/index.js';

/**
 * The journal's rows, defined once. An event's columns in insert order; task_state holds each
 * task's latest event (without its run and faults), that event's seq, and how many events the
 * task has. The insert, the projection's reads and its rebuild from events are all built from
 * these lists; migration 0004's trigger keeps task_state, and `inspect` checks the two agree.
 */
export const EVENT_COLUMNS = [
  'run_id',
  'task_id',
  'status',
  'attempt',
  'worker',
  'at',
  'content_key',
  'output_path',
  'checksum',
  'error_kind',
  'error_message',
  'message',
  'retry_at',
  'fault',
] as const;

type EventColumn = (typeof EVENT_COLUMNS)[number];
/** What an event's run and faults are is read from events; task_state keeps the rest. */
type ProjectedColumn = Exclude<EventColumn, 'run_id' | 'fault'>;
const PROJECTED = EVENT_COLUMNS.filter((c): c is ProjectedColumn => c !== 'run_id' && c !== 'fault');

export const STATE_COLUMNS = [...PROJECTED, 'last_seq', 'event_count'] as const;

export const SELECT_STATE_SQL = `SELECT ${STATE_COLUMNS.join(', ')} FROM task_state`;

/** task_state as the events alone say it should be: each task's latest event, and its count. */
export const REBUILT_STATE_SQL = `SELECT ${PROJECTED.map((c) => `e.${c}`).join(', ')}, e.seq, m.n
  FROM events e JOIN (SELECT task_id, max(seq) AS seq, count(*) AS n FROM events GROUP BY task_id) m ON m.seq = e.seq`;

/** A task's projected state: the columns of its latest event. */
export interface TaskState {
  taskId: number;
  status: TaskStatus;
  attempt: number;
  worker: number | null;
  at: number;
  contentKey: string | null;
  outputPath: string | null;
  checksum: string | null;
  errorKind: FailureKind | null;
  errorMessage: string | null;
  message: string | null;
  retryAt: number | null;
  lastSeq: number;
  /** Events the task has: seeded faults are keyed on it, so they follow the task's own history. */
  eventCount: number;
}

/** A task_state row as SQLite returns it raw, in STATE_COLUMNS order. */
export type StateRow = [
  number,
  TaskStatus,
  number,
  number | null,
  number,
  string | null,
  string | null,
  string | null,
  FailureKind | null,
  string | null,
  string | null,
  number | null,
  number,
  number,
];

export const toTaskState = (r: StateRow): TaskState => ({
  taskId: r[0],
  status: r[1],
  attempt: r[2],
  worker: r[3],
  at: r[4],
  contentKey: r[5],
  outputPath: r[6],
  checksum: r[7],
  errorKind: r[8],
  errorMessage: r[9],
  message: r[10],
  retryAt: r[11],
  lastSeq: r[12],
  eventCount: r[13],
});

/** What a JournalRow (engine/contract/views.ts) is read from: events joined with their task. */
export const JOURNAL_ROW_SELECT = `e.seq, e.run_id AS runId, t.node_id AS nodeId, e.status, e.attempt, e.worker, e.at,
  e.content_key AS contentKey, e.checksum, e.error_kind AS errorKind, e.error_message AS errorMessage, e.message`;
