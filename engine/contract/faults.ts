import { z } from 'zod';

const chance = z.number().min(0).max(1);

/** Chances are per attempt (or per read, for missing/corrupt). Fault settings never enter a content key. */
export const FaultChancesSchema = z.strictObject({
  error: chance.default(0),
  panic: chance.default(0),
  hang: chance.default(0),
  missing: chance.default(0),
  corrupt: chance.default(0),
  crash: chance.default(0),
});

export const NodeFaultOverrideSchema = z.strictObject({
  /** "This node always fails": every attempt throws, so the node ends dead. */
  alwaysFail: z.boolean().optional(),
  chances: FaultChancesSchema.partial().optional(),
});

export const FaultSettingsSchema = z.strictObject({
  seed: z.number().int().min(0).max(2 ** 31 - 1).default(1),
  chances: FaultChancesSchema.default({ error: 0, panic: 0, hang: 0, missing: 0, corrupt: 0, crash: 0 }),
  throttleMs: z.number().int().min(0).max(60_000).default(0),
  overrides: z.record(z.string(), NodeFaultOverrideSchema).default({}),
});

export type FaultChances = z.output<typeof FaultChancesSchema>;
export type FaultKind = keyof FaultChances;
export type NodeFaultOverride = z.output<typeof NodeFaultOverrideSchema>;
export type FaultSettings = z.output<typeof FaultSettingsSchema>;

export const NO_FAULTS: FaultSettings = FaultSettingsSchema.parse({});

export const RunSettingsSchema = z.strictObject({
  workers: z.number().int().min(1).max(16).default(2),
  timeoutMs: z.number().int().min(50).max(600_000).default(10_000),
  maxAttempts: z.number().int().min(1).max(50).default(5),
  backoffBaseMs: z.number().int().min(0).max(60_000).default(100),
  backoffMaxMs: z.number().int().min(0).max(600_000).default(5_000),
});
export type RunSettings = z.output<typeof RunSettingsSchema>;
export const DEFAULT_RUN_SETTINGS: RunSettings = RunSettingsSchema.parse({});
