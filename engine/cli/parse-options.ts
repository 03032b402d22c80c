import { parseArgs, type ParseArgsConfig } from 'node:util';
import { EngineError } from '../errors.js';
import { flagOptions, type SchemaFlag } from './schema-flags.js';

type Options = NonNullable<ParseArgsConfig['options']>;

/**
 * parseArgs over a command's own options plus its schema-derived flags, with our error kind:
 * an unknown or malformed flag is a usage error naming it. The derived flags' values come back
 * as strings in `values`, for parseFlags to check against their schema.
 */
export function parseOptions<T extends Options>(argv: string[], options: T, flags: readonly SchemaFlag[] = []) {
  const all = { ...flagOptions(flags), ...options };
  rejectUnknown(argv, all);
  try {
    return parseArgs({ args: argv, options: all, allowPositionals: true, strict: true });
  } catch (e) {
    throw new EngineError('usage', e instanceof Error ? e.message : String(e));
  }
}

/** Said before parseArgs would, to point at the likely flag (`--throttle` → `--throttle-ms`). */
function rejectUnknown(argv: string[], options: Options): void {
  const { tokens } = parseArgs({ args: argv, options, allowPositionals: true, strict: false, tokens: true });
  const unknown = tokens.find((t) => t.kind === 'option' && !(t.name in options));
  if (unknown?.kind !== 'option') return;
  const word = unknown.name.split('-')[0] ?? '';
  const alike = Object.keys(options).filter((name) => word.length > 1 && name.split('-').includes(word));
  const hint = alike.length > 0 ? `: did you mean ${alike.map((n) => `--${n}`).join(' or ')}?` : '';
  throw new EngineError('usage', `unknown flag ${unknown.rawName}${hint} (--help lists every flag)`);
}
