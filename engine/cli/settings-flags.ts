import {
  DEFAULT_RUN_SETTINGS,
  FaultChancesSchema,
  FaultSettingsPatchSchema,
  NO_FAULTS,
  RunSettingsSchema,
  type FaultSettingsPatch,
  type RunSettings,
} from '../contract/index.js';
import { parseFlags, schemaFlags } from './schema-flags.js';

/**
 * `run`'s fault and run-setting flags: the fields of the schemas the UI's `faults.set` is
 * checked with. Help is keyed by those fields, so a new setting needs a line here to compile.
 */
const FAULT_FLAGS = [
  ...schemaFlags(
    FaultSettingsPatchSchema,
    { seed: 'seed for every fault decision', throttleMs: 'delay before each op, to watch a run unfold' },
    { defaults: NO_FAULTS, aliases: { throttleMs: 'throttle' } },
  ),
  // Named for what each value is, a chance (`--error-chance`), not for the map it sits in.
  ...schemaFlags(
    FaultChancesSchema,
    {
      error: 'chance an attempt throws',
      panic: 'chance the worker thread dies mid-task',
      hang: 'chance the op never returns (the timeout ends it)',
      missing: "chance a parent's output vanishes before it is read",
      corrupt: 'chance an output is damaged after it is written',
      crash: 'chance the whole engine is killed after a journal commit',
    },
    { path: ['chances'], name: (kind) => `${kind}-chance`, defaults: NO_FAULTS.chances },
  ),
];

const RUN_SETTING_FLAGS = schemaFlags(
  RunSettingsSchema,
  {
    workers: 'worker threads',
    timeoutMs: 'per-task timeout',
    maxAttempts: 'attempts before a task is dead',
    backoffBaseMs: 'first retry delay, doubling each time',
    backoffMaxMs: 'longest retry delay',
  },
  { defaults: DEFAULT_RUN_SETTINGS, aliases: { timeoutMs: 'timeout', backoffBaseMs: 'backoff-ms' } },
);

export const SETTINGS_FLAGS = [...FAULT_FLAGS, ...RUN_SETTING_FLAGS];

/**
 * A run is exactly its flags: what a flag leaves out is the default, not what the journal last
 * held, so `faultline run` after a faulty run is fault-free again. Per-node overrides set in the
 * UI stay: no flag sets them. Run settings are parsed whole, so a rule across fields (the
 * backoff cap not below its start) is reported against the flags too.
 */
export function settingsFromFlags(values: Readonly<Record<string, unknown>>): { faults: FaultSettingsPatch; settings: RunSettings } {
  const { seed, throttleMs, chances } = NO_FAULTS;
  return {
    faults: parseFlags(FaultSettingsPatchSchema, FAULT_FLAGS, values, { seed, throttleMs, chances }),
    settings: parseFlags(RunSettingsSchema, RUN_SETTING_FLAGS, values, DEFAULT_RUN_SETTINGS),
  };
}
