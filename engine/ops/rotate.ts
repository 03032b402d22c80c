import { fromImage, toImage } from './image.js';
import type { OpRun } from './op.js';

export const rotate: OpRun = async ([input], params) =>
  toImage(fromImage(input!).rotate(params.angle as number, { background: { r: 0, g: 0, b: 0, alpha: 1 } }));
