import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fail, ok, type ImageDiff, type Result } from '../contract/index.js';
import { sharp } from '../ops/sharp.js';
import { insideFolder } from '../workers/inside-folder.js';

/** Where a verification keeps the fault-free bytes of a sink that came out different, for the diff view. */
export const differentCopyPath = (outDir: string, runId: number, nodeId: string): string =>
  insideFolder(outDir, join('.verify', 'different', `run-${runId}`, `${nodeId}.png`));

const dataUrl = (png: Buffer) => `data:image/png;base64,${png.toString('base64')}`;

/** The run's output beside the fault-free one and a map of where they differ. */
export async function diffImages(runPath: string, faultFreePath: string, maxSide: number): Promise<Result<ImageDiff>> {
  if (!existsSync(runPath)) return fail('not_found', `the run's output ${runPath} is gone`);
  if (!existsSync(faultFreePath)) return fail('not_found', 'the fault-free output was not kept: verify again to see the difference');
  const decode = (path: string) => sharp(readFileSync(path)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const [a, b] = await Promise.all([decode(runPath), decode(faultFreePath)]);
  const { width, height } = a.info;
  if (width !== b.info.width || height !== b.info.height) {
    return fail('bad_params', `the two outputs differ in size: ${width}×${height} against ${b.info.width}×${b.info.height}`);
  }
  const map = Buffer.alloc(width * height * 4);
  let differing = 0;
  for (let i = 0; i < width * height; i++) {
    const o = i * 4;
    const same = a.data[o] === b.data[o] && a.data[o + 1] === b.data[o + 1] && a.data[o + 2] === b.data[o + 2] && a.data[o + 3] === b.data[o + 3];
    if (!same) differing++;
    const grey = (a.data[o]! + a.data[o + 1]! + a.data[o + 2]!) / 12;
    map.set(same ? [grey, grey, grey, 255] : [255, 40, 60, 255], o);
  }
  const small = (image: ReturnType<typeof sharp>) => image.resize(maxSide, maxSide, { fit: 'inside', kernel: 'nearest' }).png().toBuffer();
  const [run, faultFree, diff] = await Promise.all([
    small(sharp(readFileSync(runPath))),
    small(sharp(readFileSync(faultFreePath))),
    small(sharp(map, { raw: { width, height, channels: 4 } })),
  ]);
  return ok({ run: dataUrl(run), faultFree: dataUrl(faultFree), diff: dataUrl(diff), differingPixels: differing, pixels: width * height });
}
