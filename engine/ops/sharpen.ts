import { fromImage, toImage } from './image.js';
import type { OpRun } from './op.js';

export const sharpen: OpRun = async ([input], params) => toImage(fromImage(input!).sharpen({ sigma: params.sigma as number }));
