import type { ReplayState } from '@contract';
import { describe, expect, it } from 'vitest';
import { taskView } from '../test-support/views';
import { replayTasksOf } from './replay-tasks';

const row = (id: string, status: ReplayState['tasks'][number]['status']) => ({
  id,
  status,
  attempt: 1,
  worker: 0,
  message: null,
  errorKind: null,
  errorMessage: null,
});
const counts = (fields: Partial<Record<string, number>>) => ({
  pending: 0,
  running: 0,
  completed: 0,
  failed: 0,
  dead: 0,
  blocked: 0,
  cancelled: 0,
  ...fields,
});

describe('a replayed moment', () => {
  it('draws a mapped node as its photos were then: counts by status, photos with no event yet pending', () => {
    const state: ReplayState = {
      seq: 9,
      at: 0,
      tasks: [row('photos@a', 'completed'), row('photos@b', 'dead'), row('small@a', 'running'), row('single', 'completed')],
      counters: { byStatus: counts({}) as never, retries: 0, recoveries: 0, events: 9 },
      workers: [],
    };
    const live = {
      photos: taskView('photos', { items: counts({ completed: 9, dead: 1 }) }),
      small: taskView('small', { items: counts({ completed: 10 }) }),
    };
    const tasks = replayTasksOf(state, live);
    expect(tasks['photos']).toMatchObject({ status: 'pending', items: counts({ completed: 1, dead: 1, pending: 8 }) });
    expect(tasks['small']).toMatchObject({ status: 'running', items: counts({ running: 1, pending: 9 }) });
    expect(tasks['single']?.status).toBe('completed');
    expect(tasks['single']?.items).toBeUndefined();
  });
});
