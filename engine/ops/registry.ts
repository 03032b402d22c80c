import { isOpName, parseOpParams, type OpName } from '../contract/index.js';
import { blur } from './blur.js';
import { brightness } from './brightness.js';
import { crop } from './crop.js';
import { folder } from './folder.js';
import { grayscale } from './grayscale.js';
import { load } from './load.js';
import { noop } from './noop.js';
import type { Image } from './image.js';
import type { OpContext, OpRun } from './op.js';
import { BadParamsError } from './op-errors.js';
import { overlay } from './overlay.js';
import { resize } from './resize.js';
import { rotate } from './rotate.js';
import { sharpen } from './sharpen.js';

/** The sharp implementation of every op in contract/op-specs.ts (the compiler checks both lists agree). */
const OPS: { [K in OpName]: OpRun<K> } = { load, folder, crop, resize, blur, brightness, overlay, grayscale, rotate, sharpen, noop };

/**
 * Runs an op on the worker's side of the thread boundary: the op and its params arrive as
 * plain data, so they are checked here against the op's schema, and the op gets them typed.
 */
export function runOp(op: string, params: unknown, inputs: Image[], ctx: OpContext): Promise<Image | null> {
  if (!isOpName(op)) throw new BadParamsError(`unknown op "${op}"`);
  return runTyped(op, params, inputs, ctx);
}

function runTyped<K extends OpName>(op: K, params: unknown, inputs: Image[], ctx: OpContext): Promise<Image | null> {
  const parsed = parseOpParams(op, params);
  if (!parsed.ok) throw new BadParamsError(`${op}: ${parsed.message}`);
  const run: OpRun<K> = OPS[op];
  return run(inputs, parsed.params, ctx);
}
