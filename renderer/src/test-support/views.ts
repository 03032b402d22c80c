import { DEFAULT_RUN_SETTINGS, NO_FAULTS, type JournalRow, type Snapshot, type TaskView } from '@contract';
import { useFaultline } from '../store/store';

/** A pending task with no inputs, no place and no history; tests name only what matters. */
export function taskView(id: string, fields: Partial<TaskView> = {}): TaskView {
  return {
    id,
    op: 'blur',
    params: {},
    inputs: [],
    position: null,
    status: 'pending',
    attempt: 0,
    worker: null,
    message: null,
    errorKind: null,
    errorMessage: null,
    contentKey: null,
    seq: 0,
    at: 0,
    problem: null,
    note: null,
    items: null,
    ...fields,
  };
}

export function journalRow(seq: number, nodeId: string, fields: Partial<JournalRow> = {}): JournalRow {
  return {
    seq,
    runId: 1,
    nodeId,
    status: 'running',
    attempt: 1,
    worker: null,
    at: seq * 10,
    contentKey: null,
    checksum: null,
    errorKind: null,
    errorMessage: null,
    message: null,
    ...fields,
  };
}

export function snapshotOf(tasks: TaskView[], fields: Partial<Snapshot> = {}): Snapshot {
  return {
    pipeline: { id: 1, name: 'test', baseDir: '/tmp' },
    tasks,
    workers: [],
    run: null,
    faults: NO_FAULTS,
    settings: DEFAULT_RUN_SETTINGS,
    counters: useFaultline.getInitialState().counters,
    lastSeq: 0,
    halted: null,
    verification: null,
    ...fields,
  };
}

/** Every test starts from the store as the page starts. */
export function resetStore(): void {
  useFaultline.setState(useFaultline.getInitialState(), true);
}
