import type { CommandPayload, FaultKind, FaultSettings, RunSettings } from '@contract';
import { send } from './engine-client';
import { useFaultline } from './store';

/** Sliders fire on every pixel; the engine hears at most one change per this many ms. */
const SEND_EVERY_MS = 120;

type FaultsPatch = NonNullable<CommandPayload<'faults.set'>['faults']>;
type SettingsPatch = NonNullable<CommandPayload<'faults.set'>['settings']>;

let pendingFaults: FaultsPatch = {};
let pendingSettings: SettingsPatch = {};
let timer: ReturnType<typeof setTimeout> | null = null;

function flush(): void {
  timer = null;
  const payload = { faults: pendingFaults, settings: pendingSettings };
  pendingFaults = {};
  pendingSettings = {};
  void send('faults.set', payload);
}

/** Shows the new values at once (the slider must not lag) and tells the engine shortly after. */
function schedule(faults: FaultsPatch, settings: SettingsPatch): void {
  useFaultline.setState((s) => ({ faults: { ...s.faults, ...(faults as Partial<FaultSettings>) }, settings: { ...s.settings, ...settings } }));
  pendingFaults = { ...pendingFaults, ...faults };
  pendingSettings = { ...pendingSettings, ...settings };
  timer ??= setTimeout(flush, SEND_EVERY_MS);
}

export function setChance(kind: FaultKind, chance: number): void {
  schedule({ chances: { ...useFaultline.getState().faults.chances, [kind]: chance } }, {});
}

export const setThrottle = (throttleMs: number) => schedule({ throttleMs }, {});
export const setSeed = (seed: number) => schedule({ seed }, {});
export const setRunSetting = <K extends keyof RunSettings>(key: K, value: RunSettings[K]) => schedule({}, { [key]: value });

export function setAlwaysFail(nodeId: string, alwaysFail: boolean): void {
  const overrides = { ...useFaultline.getState().faults.overrides };
  const rest = { ...overrides[nodeId] };
  delete rest.alwaysFail;
  if (alwaysFail) overrides[nodeId] = { ...rest, alwaysFail: true };
  else if (Object.keys(rest).length > 0) overrides[nodeId] = rest;
  else delete overrides[nodeId];
  schedule({ overrides }, {});
}
