import { checkOutputSize, fromImage, toImage } from './image.js';
import type { OpRun } from './op.js';

export const rotate: OpRun<'rotate'> = async ([input], params, ctx) => {
  const angle = (params.angle * Math.PI) / 180;
  const [cos, sin] = [Math.abs(Math.cos(angle)), Math.abs(Math.sin(angle))];
  checkOutputSize('rotate', input!.width * cos + input!.height * sin, input!.width * sin + input!.height * cos, ctx.maxPixels);
  return toImage(fromImage(input!).rotate(params.angle, { background: { r: 0, g: 0, b: 0, alpha: 1 } }));
};
