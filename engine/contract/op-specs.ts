import { z } from 'zod';

/**
 * What the UI and the validator need to know of each operation: how many inputs it takes,
 * its params and their defaults. The sharp implementations live in engine/ops/, one per file.
 */
const int = (min: number, max = 100_000) => z.number().int().min(min).max(max);

/** Which files of a folder are its photos: matched on the file name, case-insensitively. */
export const DEFAULT_FOLDER_PATTERN = '*.{jpg,jpeg,png,webp,tif,tiff,gif}';

export const OP_SPECS = {
  load: {
    label: 'Load photo',
    arity: { min: 0, max: 0 },
    params: z.strictObject({ path: z.string().min(1, 'path must not be empty') }),
    defaults: { path: 'photos/chelsea.png' },
  },
  /**
   * A folder of photos: every node downstream runs once per photo (a mapped node). Never runs
   * itself: it is expanded into one load per matching file (engine/batch/).
   */
  folder: {
    label: 'Folder of photos',
    arity: { min: 0, max: 0 },
    params: z.strictObject({
      path: z.string().min(1, 'path must not be empty'),
      recursive: z.boolean().default(false),
      pattern: z.string().min(1).max(200).default(DEFAULT_FOLDER_PATTERN),
    }),
    defaults: { path: 'photos' },
  },
  crop: {
    label: 'Crop',
    arity: { min: 1, max: 1 },
    params: z.strictObject({ left: int(0), top: int(0), width: int(1), height: int(1) }),
    defaults: { left: 0, top: 0, width: 200, height: 150 },
  },
  resize: {
    label: 'Resize',
    arity: { min: 1, max: 1 },
    params: z
      .strictObject({
        width: int(1, 16_384).optional(),
        height: int(1, 16_384).optional(),
        fit: z.enum(['cover', 'contain', 'fill', 'inside', 'outside']).default('cover'),
      })
      .refine((p) => p.width !== undefined || p.height !== undefined, {
        message: 'resize needs a width, a height, or both',
      }),
    defaults: { width: 240 },
  },
  blur: {
    label: 'Blur',
    arity: { min: 1, max: 1 },
    params: z.strictObject({ sigma: z.number().min(0.3).max(100) }),
    defaults: { sigma: 3 },
  },
  brightness: {
    label: 'Brightness',
    arity: { min: 1, max: 1 },
    params: z.strictObject({ factor: z.number().min(0).max(10) }),
    defaults: { factor: 1.3 },
  },
  overlay: {
    label: 'Overlay',
    arity: { min: 2, max: 2 },
    params: z.strictObject({ left: int(0), top: int(0) }),
    defaults: { left: 10, top: 10 },
  },
  grayscale: {
    label: 'Grayscale',
    /** 2: keeps alpha and three channels (1 dropped alpha and gave one channel). */
    revision: 2,
    arity: { min: 1, max: 1 },
    params: z.strictObject({}),
    defaults: {},
  },
  rotate: {
    label: 'Rotate',
    arity: { min: 1, max: 1 },
    params: z.strictObject({ angle: z.number().min(-360).max(360) }),
    defaults: { angle: 90 },
  },
  sharpen: {
    label: 'Sharpen',
    arity: { min: 1, max: 1 },
    params: z.strictObject({ sigma: z.number().min(0.01).max(10) }),
    defaults: { sigma: 1 },
  },
  /** Does nothing and writes nothing: measures the engine's own cost per task (npm run bench). */
  noop: {
    label: 'No-op',
    arity: { min: 0, max: 8 },
    params: z.strictObject({}),
    defaults: {},
  },
} as const satisfies Record<string, { label: string; revision?: number; arity: { min: number; max: number }; params: z.ZodType; defaults: object }>;

/**
 * An op's implementation changes its bytes only with a new revision, which enters the op's
 * content key: outputs of the old code are never reused for the new. Ops at their first
 * revision keep the key they always had, so journals written before keep their work.
 */
export function opKeyName(op: OpName): string {
  const spec = OP_SPECS[op];
  return 'revision' in spec ? `${op}@${spec.revision}` : op;
}

export type OpName = keyof typeof OP_SPECS;
export const OP_NAMES = Object.keys(OP_SPECS) as OpName[];
export type OpParams<K extends OpName> = z.output<(typeof OP_SPECS)[K]['params']>;

export const isOpName = (name: string): name is OpName => Object.hasOwn(OP_SPECS, name);

/** Ops a person can drag from the palette (noop exists for benchmarks only). */
export const PALETTE_OPS: OpName[] = OP_NAMES.filter((op) => op !== 'noop');

/** Validates params for an op; the message names the first offending field. */
export function parseOpParams<K extends OpName>(op: K, params: unknown): { ok: true; params: OpParams<K> } | { ok: false; message: string } {
  const parsed = OP_SPECS[op].params.safeParse(params ?? {});
  // TypeScript cannot follow K from OP_SPECS[op] to its parse result: this is the one place it is told.
  if (parsed.success) return { ok: true, params: parsed.data as OpParams<K> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  return { ok: false, message: `${where}${issue?.message ?? 'invalid params'}` };
}
