import type { OpName } from '../contract/index.js';
import { blur } from './blur.js';
import { brightness } from './brightness.js';
import { crop } from './crop.js';
import { grayscale } from './grayscale.js';
import { load } from './load.js';
import { noop } from './noop.js';
import type { OpRun } from './op.js';
import { overlay } from './overlay.js';
import { resize } from './resize.js';
import { rotate } from './rotate.js';
import { sharpen } from './sharpen.js';

/** The sharp implementation of every op in contract/op-specs.ts (the compiler checks both lists agree). */
export const OPS: Record<OpName, OpRun> = { load, crop, resize, blur, brightness, overlay, grayscale, rotate, sharpen, noop };
