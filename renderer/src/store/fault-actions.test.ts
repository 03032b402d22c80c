import { beforeEach, describe, expect, it } from 'vitest';
import { FakeEngine } from '../test-support/fake-engine';
import { resetStore, taskView } from '../test-support/views';
import { connectEngine, reloadFromEngine } from './connect-engine';
import { setChance, startRun } from './fault-actions';

let engine: FakeEngine;

beforeEach(async () => {
  resetStore();
  engine = new FakeEngine([taskView('a')]);
  connectEngine(engine.host);
  await reloadFromEngine();
});

describe('starting a run', () => {
  it('sends a slider moved just before first, so the run starts under what the page shows', async () => {
    setChance('error', 0.5);
    await startRun();
    const names = engine.sent.map((c) => c.name);
    expect(names.slice(-2)).toEqual(['faults.set', 'run.start']);
    expect(engine.sent.at(-2)?.payload).toMatchObject({ faults: { chances: { error: 0.5 } } });
  });

  it('sends nothing extra when no slider moved', async () => {
    const before = engine.sent.length;
    await startRun();
    expect(engine.sent.slice(before).map((c) => c.name)).toEqual(['run.start']);
  });
});
