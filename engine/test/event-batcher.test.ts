import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Counters, EventBatch, ItemCounts } from '../contract/index.js';
import { EventBatcher } from '../host/event-batcher.js';

const counts = (completed: number): ItemCounts => ({ pending: 30 - completed, running: 0, completed, failed: 0, dead: 0, blocked: 0, cancelled: 0 });
const counters = (events: number): Counters => ({ byStatus: counts(events), retries: 0, recoveries: 0, events, throughput: 0 });

test('one batch keeps every mapped node an items event named, the later count of a node winning; other kinds keep their latest', async () => {
  let batcher!: EventBatcher;
  const flushed = new Promise<EventBatch>((resolve) => (batcher = new EventBatcher(resolve, 5)));
  batcher.push({ kind: 'items', items: { photos: counts(12), small: counts(11) } });
  batcher.push({ kind: 'counters', counters: counters(1) });
  batcher.push({ kind: 'items', items: { small: counts(30), bright: counts(29) } });
  batcher.push({ kind: 'counters', counters: counters(2) });
  const { events } = await flushed;
  assert.deepEqual(
    events.filter((e) => e.kind === 'items'),
    [{ kind: 'items', items: { photos: counts(12), small: counts(30), bright: counts(29) } }],
  );
  assert.deepEqual(
    events.filter((e) => e.kind === 'counters'),
    [{ kind: 'counters', counters: counters(2) }],
  );
  batcher.dispose();
});
