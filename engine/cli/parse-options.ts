import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EngineError } from '../errors.js';

/** parseArgs with our error kind: an unknown or malformed flag is a usage error naming it. */
export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (e) {
    throw new EngineError('usage', (e as Error).message);
  }
}

/** A numeric flag, checked against its range, with a message that names the flag. */
export function numberOption(value: string | undefined, flag: string, min: number, max: number, integer = false): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min || n > max || (integer && !Number.isInteger(n))) {
    throw new EngineError('usage', `--${flag} must be ${integer ? 'a whole number' : 'a number'} from ${min} to ${max}, got "${value}"`);
  }
  return n;
}
