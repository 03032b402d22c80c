import { fromImage, toImage } from './image.js';
import type { OpRun } from './op.js';

export const sharpen: OpRun<'sharpen'> = async ([input], params) => toImage(fromImage(input!).sharpen({ sigma: params.sigma }));
