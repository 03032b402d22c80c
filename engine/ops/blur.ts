import { fromImage, toImage } from './image.js';
import type { OpRun } from './op.js';

export const blur: OpRun<'blur'> = async ([input], params) => toImage(fromImage(input!).blur(params.sigma));
