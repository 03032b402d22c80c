import { TASK_STATUSES, type TaskStatus } from '@contract';
import { memo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useFaultline } from '../store/store';

/** Live counters, or the scrubbed moment's when replaying (which has no throughput). */
function useShownCounters() {
  return useFaultline(
    useShallow((s) => {
      const c = s.replay.mode === 'scrub' && s.replay.state ? { ...s.replay.state.counters, throughput: null } : s.counters;
      return { ...c.byStatus, retries: c.retries, recoveries: c.recoveries, throughput: c.throughput };
    }),
  );
}

/** What each number counts, on hover: retries and recoveries are easy to confuse. */
const MEANING: Record<string, string> = {
  pending: 'tasks waiting for their inputs or a free worker',
  running: 'tasks on a worker thread now',
  completed: 'tasks whose output is written and verified',
  failed: 'tasks whose last attempt failed; a retry is scheduled',
  dead: 'tasks given up on: retries spent, or a permanent error',
  blocked: 'tasks that cannot run because an ancestor is dead or cancelled',
  cancelled: 'tasks cancelled by hand',
  retries: 'failed attempts: each one is retried (with backoff) until max attempts',
  recoveries:
    'times the engine repaired something: a task done after failing, a parent re-run for a missing or damaged output, a task resumed after the engine died',
  throughput: 'tasks completed per second over the last 5 s',
};

const Counter = memo(function Counter({ name, value, status }: { name: string; value: string | number; status?: TaskStatus }) {
  return (
    <span className={`counter${status ? ` status-${status}` : ''}`} data-testid={`counter-${name}`} data-value={value} title={MEANING[name]}>
      {status && <span className="status-dot" />}
      <span className="counter-value">{value}</span>
      <span className="counter-name">{name}</span>
    </span>
  );
});

export function Counters() {
  const counters = useShownCounters();
  return (
    <div className="counters" data-testid="counters">
      {TASK_STATUSES.map((status) => (
        <Counter key={status} name={status} value={counters[status]} status={status} />
      ))}
      <span className="divider" />
      <Counter name="retries" value={counters.retries} />
      <Counter name="recoveries" value={counters.recoveries} />
      <Counter name="throughput" value={counters.throughput === null ? '—' : `${counters.throughput.toFixed(1)}/s`} />
    </div>
  );
}
