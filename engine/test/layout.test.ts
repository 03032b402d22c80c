import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LAYOUT, layeredLayout } from '../contract/layout.js';
import { findCycle } from '../graph/find-cycle.js';

const column = (x: number) => x / LAYOUT.columnGap;

test('layout: a node sits one column past its deepest parent; inputs that are no node are ignored', () => {
  const at = layeredLayout([
    { id: 'join', inputs: ['a', 'deep'] },
    { id: 'a', inputs: [] },
    { id: 'b', inputs: ['a', 'ghost'] },
    { id: 'deep', inputs: ['b'] },
  ]);
  assert.deepEqual(
    ['a', 'b', 'deep', 'join'].map((id) => column(at.get(id)!.x)),
    [0, 1, 2, 3],
  );
});

test('layout and cycle check on a cycle: every node placed, nothing loops, and the cycle is named', () => {
  const nodes = [
    { id: 'a', inputs: [] },
    { id: 'b', inputs: ['a', 'd'] },
    { id: 'c', inputs: ['b'] },
    { id: 'd', inputs: ['c'] },
    { id: 'self', inputs: ['self'] },
  ];
  const at = layeredLayout(nodes);
  assert.equal(at.size, 5);
  assert.equal(column(at.get('b')!.x), 1, 'one past its placed parent');
  assert.deepEqual(findCycle(nodes), ['b', 'c', 'd', 'b']);
  assert.deepEqual(findCycle([{ id: 'self', inputs: ['self'] }]), ['self', 'self']);
  assert.equal(findCycle(nodes.slice(0, 1).concat([{ id: 'b', inputs: ['a'] }])), null);
});
