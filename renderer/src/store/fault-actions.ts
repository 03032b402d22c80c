import {
  mergeSettings,
  type EngineSettings,
  type FaultKind,
  type FaultSettingsPatch,
  type RunSettings,
  type RunSettingsPatch,
  type SettingsPatch,
} from '@contract';
import { send } from './engine-client';
import { useFaultline } from './store';

/** Sliders fire on every pixel; the engine hears at most one change per this many ms. */
const SEND_EVERY_MS = 120;

/**
 * Settings travel as patches: each change names only what the person moved, and the engine
 * merges it into what is in force. What the page shows is what the engine last said, with the
 * person's changes it has not yet answered laid on top (so a slider never lags or jumps back);
 * each answer replaces the guess with the engine's own word.
 */
let pending: SettingsPatch = {};
const unanswered: SettingsPatch[] = [];
let timer: ReturnType<typeof setTimeout> | null = null;
/** The settings as the engine last reported them. */
let engineSays: EngineSettings | null = null;

function joinPatches(a: SettingsPatch, b: SettingsPatch): SettingsPatch {
  return {
    faults: {
      ...a.faults,
      ...b.faults,
      chances: { ...a.faults?.chances, ...b.faults?.chances },
      overrides: { ...a.faults?.overrides, ...b.faults?.overrides },
    },
    settings: { ...a.settings, ...b.settings },
  };
}

/** The engine's settings with the changes it has not answered yet on top. */
function shown(base: EngineSettings): EngineSettings {
  const guess = [...unanswered, pending].reduce(joinPatches, {});
  const merged = mergeSettings(base, guess);
  return merged.ok ? merged.value : base;
}

function render(): void {
  const base = engineSays ?? { faults: useFaultline.getState().faults, settings: useFaultline.getState().settings };
  const { faults, settings } = shown(base);
  useFaultline.setState({ faults, settings });
}

/** What the engine said (a snapshot or a `faults` event): the page shows that, plus what is still in flight. */
export function engineSettingsArrived(settings: EngineSettings): EngineSettings {
  engineSays = settings;
  return shown(settings);
}

async function flush(): Promise<void> {
  timer = null;
  const patch = pending;
  pending = {};
  unanswered.push(patch);
  const answer = await send('faults.set', patch);
  unanswered.splice(unanswered.indexOf(patch), 1);
  if (answer.ok) engineSays = answer.value;
  render(); // a refused patch falls back to what the engine holds (the notice says why)
}

function schedule(patch: SettingsPatch): void {
  pending = joinPatches(pending, patch);
  render();
  timer ??= setTimeout(() => void flush(), SEND_EVERY_MS);
}

/**
 * Starts a run with the settings on screen: a slider moved within the last SEND_EVERY_MS has its
 * patch sent first (commands keep their order on the way), so the run does not begin under the
 * old chances and only later meet the new ones.
 */
export function startRun(): Promise<unknown> {
  if (timer) {
    clearTimeout(timer);
    void flush();
  }
  return send('run.start', {});
}

const faults = (patch: FaultSettingsPatch) => schedule({ faults: patch });
const run = (patch: RunSettingsPatch) => schedule({ settings: patch });

export const setChance = (kind: FaultKind, chance: number) => faults({ chances: { [kind]: chance } });
export const setThrottle = (throttleMs: number) => faults({ throttleMs });
export const setSeed = (seed: number) => faults({ seed });
export const setRunSetting = <K extends keyof RunSettings>(key: K, value: RunSettings[K]) => run({ [key]: value });

/** Only this node's override changes; its other override fields stay as they are. */
export function setAlwaysFail(nodeId: string, alwaysFail: boolean): void {
  const { alwaysFail: _old, ...rest } = useFaultline.getState().faults.overrides[nodeId] ?? {};
  const next = alwaysFail ? { ...rest, alwaysFail: true } : rest;
  faults({ overrides: { [nodeId]: Object.keys(next).length > 0 ? next : null } });
}
