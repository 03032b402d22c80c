import { NO_FAULTS } from '@contract';
import { beforeEach, describe, expect, it } from 'vitest';
import { journalRow, resetStore, snapshotOf, taskView } from '../test-support/views';
import { applyJournalPage, applySnapshot } from './apply-snapshot';
import { useFaultline } from './store';
import type { Edit } from './types';

const state = () => useFaultline.getState();
const positions = () => Object.fromEntries(state().flowNodes.map((n) => [n.id, n.position]));
const anEdit: Edit = { label: 'move a', forward: [], backward: [] };

const pipeline = [
  taskView('src', { op: 'load', position: { x: 0, y: 0 } }),
  taskView('blur', { inputs: ['src'], position: { x: 200, y: 0 } }),
  taskView('mix', { op: 'overlay', inputs: ['src', 'blur'], position: null }),
];

beforeEach(() => {
  resetStore();
  applySnapshot(snapshotOf(pipeline));
});

describe('a snapshot', () => {
  it('shows its tasks at the places the engine keeps; a node it has no place for stays where the canvas has it', () => {
    expect(state().loaded).toBe(true);
    expect(positions()).toEqual({ src: { x: 0, y: 0 }, blur: { x: 200, y: 0 }, mix: { x: 0, y: 0 } });

    useFaultline.setState({ flowNodes: state().flowNodes.map((n) => (n.id === 'mix' ? { ...n, position: { x: 50, y: 60 } } : n)) });
    applySnapshot(snapshotOf(pipeline));
    expect(positions()['mix']).toEqual({ x: 50, y: 60 });
  });

  it('keeps the objects of unchanged nodes and edges, so React Flow skips them', () => {
    const { flowNodes, flowEdges } = state();
    applySnapshot(snapshotOf(pipeline.map((t) => (t.id === 'blur' ? { ...t, position: { x: 300, y: 10 } } : t))));

    expect(state().flowNodes[0]).toBe(flowNodes[0]);
    expect(state().flowNodes[1]).not.toBe(flowNodes[1]);
    expect(state().flowNodes[1]?.position).toEqual({ x: 300, y: 10 });
    expect(state().flowEdges).toBe(flowEdges);
  });

  it('draws one edge per input, into the input slot it fills', () => {
    expect(state().flowEdges.map((e) => [e.source, e.target, e.targetHandle])).toEqual([
      ['src', 'blur', 'in-0'],
      ['src', 'mix', 'in-0'],
      ['blur', 'mix', 'in-1'],
    ]);
  });

  it('of the same pipeline keeps its journal, edit history and selection (a selection whose node is gone goes)', () => {
    useFaultline.setState({ journal: [journalRow(1, 'src')], undoStack: [anEdit], redoStack: [anEdit], selectedId: 'blur' });
    applySnapshot(snapshotOf(pipeline, { faults: { ...NO_FAULTS, seed: 42 } }));

    expect(state()).toMatchObject({ selectedId: 'blur', undoStack: [anEdit], redoStack: [anEdit] });
    expect(state().journal).toHaveLength(1);
    expect(state().faults.seed).toBe(42);

    applySnapshot(snapshotOf(pipeline.filter((t) => t.id !== 'blur')));
    expect(state().selectedId).toBeNull();
    expect(Object.keys(state().tasks)).toEqual(['src', 'mix']);
  });

  it('of another pipeline drops what belonged to the old one, canvas places included', () => {
    useFaultline.setState({
      journal: [journalRow(1, 'src')],
      workerSpans: [{ worker: 1, nodeId: 'src', start: 0, end: null, outcome: null }],
      undoStack: [anEdit],
      redoStack: [anEdit],
      selectedId: 'src',
      gifExport: { done: 1, total: 2, finished: false, error: null },
      flowNodes: state().flowNodes.map((n) => (n.id === 'mix' ? { ...n, position: { x: 50, y: 60 } } : n)),
    });
    applySnapshot(snapshotOf(pipeline, { pipeline: { id: 2, name: 'other', baseDir: '/tmp' } }));

    expect(state()).toMatchObject({ pipelineId: 2, pipelineName: 'other', journal: [], workerSpans: [], undoStack: [], redoStack: [] });
    expect(state()).toMatchObject({ selectedId: null, gifExport: null, replay: { mode: 'live', problem: null } });
    expect(positions()['mix']).toEqual({ x: 0, y: 0 });
  });
});

it('a journal page is held oldest first, with the worker spans it implies', () => {
  applyJournalPage([journalRow(3, 'src', { status: 'completed', at: 30 }), journalRow(2, 'src', { status: 'running', worker: 1, at: 20 })]);
  expect(state().journal.map((r) => r.seq)).toEqual([2, 3]);
  expect(state().workerSpans).toEqual([{ worker: 1, nodeId: 'src', start: 20, end: 30, outcome: 'completed' }]);
});
