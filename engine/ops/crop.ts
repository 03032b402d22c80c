import { fromImage, toImage } from './image.js';
import { BadParamsError } from './op-errors.js';
import type { OpRun } from './op.js';

export const crop: OpRun<'crop'> = async ([input], params) => {
  const { left, top, width, height } = params;
  if (left + width > input!.width || top + height > input!.height) {
    throw new BadParamsError(`crop ${width}×${height} at (${left}, ${top}) falls outside the ${input!.width}×${input!.height} input`);
  }
  return toImage(fromImage(input!).extract({ left, top, width, height }));
};
