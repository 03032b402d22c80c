import { fromImage, toImage } from './image.js';
import { BadParamsError, type OpRun } from './op.js';

export const crop: OpRun = async ([input], params) => {
  const { left, top, width, height } = params as { left: number; top: number; width: number; height: number };
  if (left + width > input!.width || top + height > input!.height) {
    throw new BadParamsError(
      `crop ${width}×${height} at (${left}, ${top}) falls outside the ${input!.width}×${input!.height} input`,
    );
  }
  return toImage(fromImage(input!).extract({ left, top, width, height }));
};
