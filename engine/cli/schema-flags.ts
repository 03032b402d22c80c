import { z } from 'zod';
import { EngineError } from '../errors.js';

/**
 * Command-line flags derived from the zod schemas the UI's commands are checked with, so a
 * flag's name, bounds and whole-number rule cannot drift from the slider's: the flag is the
 * field's name in kebab-case, its bounds are read from the schema (via z.toJSONSchema, zod 4's
 * documented view of them), and its value is checked by parsing with that same schema.
 */

/** The fields of an object schema that hold a number: the ones a flag can set. */
export type NumericKey<S extends z.ZodObject> = {
  [K in keyof S['shape'] & string]: NonNullable<z.output<S['shape'][K]>> extends number ? K : never;
}[keyof S['shape'] & string];

export interface SchemaFlag {
  /** Without the dashes: `error-chance`. */
  readonly name: string;
  /** Older names still accepted (scripts written before the flags came from the schemas). */
  readonly aliases: readonly string[];
  /** Where its value goes in the object the schema parses: `['chances', 'error']`. */
  readonly path: readonly string[];
  readonly integer: boolean;
  readonly minimum: number | undefined;
  readonly maximum: number | undefined;
  /** Shown in the help; the value itself comes from whoever owns the defaults. */
  readonly fallback: unknown;
  readonly help: string;
}

export const kebabCase = (key: string) => key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * One flag per numeric field of `schema`. `help` is keyed by exactly those fields, so a field
 * added to the schema fails to compile until it has a help line (and so a flag).
 */
export function schemaFlags<S extends z.ZodObject>(
  schema: S,
  help: Readonly<Record<NumericKey<S>, string>>,
  options: {
    /** Where the schema sits inside the object parsed (`['chances']`). */
    path?: readonly string[];
    name?: (key: string) => string;
    /** Defaults to show in the help, for schemas that hold none (settings patches). */
    defaults?: Readonly<Record<string, unknown>>;
    aliases?: Readonly<Partial<Record<NumericKey<S>, string>>>;
  } = {},
): SchemaFlag[] {
  const helpByKey: Readonly<Record<string, string>> = help;
  const aliasByKey: Readonly<Record<string, string | undefined>> = options.aliases ?? {};
  const properties = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }).properties ?? {};
  return Object.entries(helpByKey).map(([key, text]) => {
    const field = properties[key];
    if (typeof field !== 'object' || (field.type !== 'integer' && field.type !== 'number')) {
      throw new Error(`schemaFlags: ${key} is not a number field of the schema`);
    }
    return {
      name: (options.name ?? kebabCase)(key),
      aliases: aliasByKey[key] === undefined ? [] : [aliasByKey[key]],
      path: [...(options.path ?? []), key],
      integer: field.type === 'integer',
      minimum: field.minimum,
      maximum: field.maximum,
      fallback: options.defaults?.[key] ?? field.default,
      help: text,
    };
  });
}

/** What parseArgs gives for these flags: a string each, when given. */
export function flagOptions(flags: readonly SchemaFlag[]): Record<string, { type: 'string' }> {
  return Object.fromEntries(flags.flatMap((f) => [f.name, ...f.aliases].map((name) => [name, { type: 'string' as const }])));
}

/** `  --workers N           worker threads (1 to 16, default 2)` */
export function flagHelp(flags: readonly SchemaFlag[]): string[] {
  return flags.map((f) => {
    const placeholder = f.name.endsWith('-ms') ? 'MS' : f.integer ? 'N' : 'X';
    const facts = [rangeOf(f), f.fallback === undefined ? '' : `default ${String(f.fallback)}`, ...f.aliases.map((a) => `or --${a}`)]
      .filter(Boolean)
      .join(', ');
    return `  ${`--${f.name} ${placeholder}`.padEnd(22)}${f.help}${facts ? ` (${facts})` : ''}`;
  });
}

/**
 * Parses `base` with the given flags set over it, by the schema itself. A flag not given adds
 * nothing (so nothing in `base`, and nothing the engine holds, is overridden by it); a bad value
 * is a usage error naming the flag and its bounds.
 */
export function parseFlags<S extends z.ZodType>(
  schema: S,
  flags: readonly SchemaFlag[],
  values: Readonly<Record<string, unknown>>,
  base: z.input<S>,
): z.output<S> {
  const given = new Map<SchemaFlag, string>();
  for (const flag of flags) {
    const raw = [flag.name, ...flag.aliases].map((name) => values[name]).find((v) => v !== undefined);
    if (typeof raw === 'string') given.set(flag, raw);
  }
  let input: unknown = base;
  // Number('') is 0: an empty value must fail as "not a number", not pass as zero.
  for (const [flag, raw] of given) input = withValueAt(input, flag.path, raw.trim() === '' ? Number.NaN : Number(raw));
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => describeIssue(issue, flags, given, input));
  throw new EngineError('usage', problems[0] ?? 'invalid options', problems.slice(1));
}

function describeIssue(issue: z.core.$ZodIssue, flags: readonly SchemaFlag[], given: ReadonlyMap<SchemaFlag, string>, input: unknown): string {
  const at = issue.path.join('.');
  const flag = flags.find((f) => f.path.join('.') === at);
  if (!flag) return `${at || 'options'}: ${issue.message}`;
  const raw = given.get(flag);
  // A rule across fields (the backoff cap below its start) can fail on a flag left out.
  if (raw === undefined) return `--${flag.name} (${String(valueAt(input, flag.path))} when not given): ${issue.message}`;
  if (issue.code === 'custom') return `--${flag.name} ${raw}: ${issue.message}`;
  const kind = flag.integer ? 'a whole number' : 'a number';
  return `--${flag.name} must be ${[kind, rangeOf(flag, true)].filter(Boolean).join(' ')}, got "${raw}"`;
}

/** `0 to 1` for the help; `from 0 to 1` in a sentence ("must be a number from 0 to 1"). */
function rangeOf(f: SchemaFlag, inSentence = false): string {
  const [from, of] = inSentence ? ['from ', 'of '] : ['', ''];
  if (f.minimum !== undefined && f.maximum !== undefined) return `${from}${f.minimum} to ${f.maximum}`;
  if (f.minimum !== undefined) return `${of}at least ${f.minimum}`;
  if (f.maximum !== undefined) return `${of}at most ${f.maximum}`;
  return '';
}

/** A copy of `target` with `value` at `path`, making the objects on the way. */
function withValueAt(target: unknown, [key, ...rest]: readonly string[], value: number): unknown {
  if (key === undefined) return value;
  const record = isRecord(target) ? target : {};
  return { ...record, [key]: withValueAt(record[key], rest, value) };
}

function valueAt(target: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((at, key) => (isRecord(at) ? at[key] : undefined), target);
}

const isRecord = (v: unknown): v is Readonly<Record<string, unknown>> => typeof v === 'object' && v !== null && !Array.isArray(v);
