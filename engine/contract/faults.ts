import { z } from 'zod';
import { NodeIdSchema } from './node-id.js';

/**
 * Settings and their patches. No schema here has a `.default()`: a patch that omits a field
 * means "unchanged", and zod 4 fills defaults in even under `.partial()`, which made every
 * slider reset the others. The defaults live once, in NO_FAULTS and DEFAULT_RUN_SETTINGS.
 */
const chance = z.number().min(0).max(1);

/** Chances are per attempt (or per read, for missing/corrupt). Fault settings never enter a content key. */
export const FaultChancesSchema = z.strictObject({
  error: chance,
  panic: chance,
  hang: chance,
  missing: chance,
  corrupt: chance,
  crash: chance,
});
export const FaultChancesPatchSchema = FaultChancesSchema.partial();

export const NodeFaultOverrideSchema = z.strictObject({
  /** "This node always fails": every attempt throws, so the node ends dead. */
  alwaysFail: z.boolean().optional(),
  /** Only the kinds named here differ from the global chances. */
  chances: FaultChancesPatchSchema.optional(),
});

const faultFields = {
  seed: z
    .number()
    .int()
    .min(0)
    .max(2 ** 31 - 1),
  chances: FaultChancesSchema,
  throttleMs: z.number().int().min(0).max(60_000),
  overrides: z.record(NodeIdSchema, NodeFaultOverrideSchema),
};
export const FaultSettingsSchema = z.strictObject(faultFields);

/**
 * What `faults.set` carries: only what changed. `chances` merges kind by kind; each entry of
 * `overrides` replaces that node's override whole, and null removes it.
 */
export const FaultSettingsPatchSchema = z.strictObject({
  seed: faultFields.seed.optional(),
  chances: FaultChancesPatchSchema.optional(),
  throttleMs: faultFields.throttleMs.optional(),
  overrides: z.record(NodeIdSchema, NodeFaultOverrideSchema.nullable()).optional(),
});

export type FaultChances = z.output<typeof FaultChancesSchema>;
export type FaultKind = keyof FaultChances;
export type NodeFaultOverride = z.output<typeof NodeFaultOverrideSchema>;
export type FaultSettings = z.output<typeof FaultSettingsSchema>;
export type FaultSettingsPatch = z.output<typeof FaultSettingsPatchSchema>;

export const FAULT_KINDS = ['error', 'panic', 'hang', 'missing', 'corrupt', 'crash'] as const satisfies readonly FaultKind[];

export const NO_FAULTS: FaultSettings = {
  seed: 1,
  chances: { error: 0, panic: 0, hang: 0, missing: 0, corrupt: 0, crash: 0 },
  throttleMs: 0,
  overrides: {},
};

const runFields = z.strictObject({
  workers: z.number().int().min(1).max(16),
  timeoutMs: z.number().int().min(50).max(600_000),
  maxAttempts: z.number().int().min(1).max(50),
  backoffBaseMs: z.number().int().min(0).max(60_000),
  backoffMaxMs: z.number().int().min(0).max(600_000),
});

/** Checked across fields, as Temporal checks its retry policy: the backoff cap is not below its start. */
export const RunSettingsSchema = runFields.refine((s) => s.backoffMaxMs >= s.backoffBaseMs, {
  message: 'backoffMaxMs must be at least backoffBaseMs',
  path: ['backoffMaxMs'],
});
export const RunSettingsPatchSchema = runFields.partial();

export type RunSettings = z.output<typeof RunSettingsSchema>;
export type RunSettingsPatch = z.output<typeof RunSettingsPatchSchema>;

export const DEFAULT_RUN_SETTINGS: RunSettings = {
  workers: 2,
  timeoutMs: 10_000,
  maxAttempts: 5,
  backoffBaseMs: 100,
  backoffMaxMs: 5_000,
};

/** Both kinds of settings, as the engine holds, journals and emits them. */
export interface EngineSettings {
  faults: FaultSettings;
  settings: RunSettings;
}

export interface SettingsPatch {
  faults?: FaultSettingsPatch | undefined;
  settings?: RunSettingsPatch | undefined;
}

type Checked<T> = { ok: true; value: T } | { ok: false; message: string };

function firstIssue(error: z.ZodError, what: string): string {
  const issue = error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
  return `${what}${where}: ${issue?.message ?? 'invalid'}`;
}

/**
 * Merges a patch into the current settings and validates the whole result: a patch can never
 * reset what it does not name, and never leave the settings invalid across fields.
 */
export function mergeSettings(current: EngineSettings, patch: SettingsPatch): Checked<EngineSettings> {
  const f = patch.faults ?? {};
  const overrides = { ...current.faults.overrides };
  for (const [nodeId, override] of Object.entries(f.overrides ?? {})) {
    if (override === null) delete overrides[nodeId];
    else overrides[nodeId] = override;
  }
  const faults = FaultSettingsSchema.safeParse({
    seed: f.seed ?? current.faults.seed,
    chances: { ...current.faults.chances, ...f.chances },
    throttleMs: f.throttleMs ?? current.faults.throttleMs,
    overrides,
  });
  if (!faults.success) return { ok: false, message: firstIssue(faults.error, 'faults') };
  const settings = RunSettingsSchema.safeParse({ ...current.settings, ...patch.settings });
  if (!settings.success) return { ok: false, message: firstIssue(settings.error, 'settings') };
  return { ok: true, value: { faults: faults.data, settings: settings.data } };
}
