import { fromImage, toImage } from './image.js';
import type { OpRun } from './op.js';

export const brightness: OpRun<'brightness'> = async ([input], params) => toImage(fromImage(input!).modulate({ brightness: params.factor }));
