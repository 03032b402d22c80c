import { z } from 'zod';
import { DEFAULT_MAX_PIXELS } from '../scheduler/engine-options.js';
import { parseFlags, schemaFlags } from './schema-flags.js';

/** Engine limits no UI command carries, given to `run` and `verify` alike and checked the same way as settings. */
const LimitsSchema = z.strictObject({ maxPixels: z.number().int().min(1).max(1e10) }).partial();

export const LIMIT_FLAGS = schemaFlags(
  LimitsSchema,
  { maxPixels: 'largest image a load accepts, in pixels' },
  { defaults: { maxPixels: DEFAULT_MAX_PIXELS } },
);

export const limitsFromFlags = (values: Readonly<Record<string, unknown>>) => parseFlags(LimitsSchema, LIMIT_FLAGS, values, {});
