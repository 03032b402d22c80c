import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp, { type Sharp } from 'sharp';
import { CHAIN, type BatchFixture } from './batch-fixture.js';

interface Pixels {
  data: Buffer;
  width: number;
  height: number;
  channels: 1 | 2 | 3 | 4;
}

export const toPixels = async (pipeline: Sharp): Promise<Pixels> => {
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height, channels: info.channels as Pixels['channels'] };
};
export const fromPixels = (p: Pixels): Sharp => sharp(p.data, { raw: { width: p.width, height: p.height, channels: p.channels } });
export const load = (path: string) => toPixels(sharp(path, { failOn: 'truncated' }).rotate().toColourspace('srgb'));

/**
 * The hand-written baseline: the same ops with the same settings as the engine's, one sharp call
 * per op with pixels kept in memory (no journal, no intermediate files, no checksums), the final
 * PNG written with a plain writeFile. `concurrency` chains run at once, as many as the engine
 * holds tasks in flight. Its PNGs are byte-identical to the engine's, which the benchmark checks.
 */
export async function runPlainSharpBatch(fixture: BatchFixture, outDir: string, concurrency: number): Promise<void> {
  const badges = await Promise.all(
    fixture.badges.map(async (path) => toPixels(fromPixels(await load(path)).resize({ ...CHAIN.badge, fit: 'cover', kernel: 'lanczos3' }))),
  );
  let next = 0;
  const chain = async (i: number): Promise<void> => {
    const loaded = await load(fixture.sources[i]!);
    const resized = await toPixels(fromPixels(loaded).resize({ ...CHAIN.resize, fit: 'cover', kernel: 'lanczos3' }));
    const blurred = await toPixels(fromPixels(resized).blur(CHAIN.blur.sigma));
    const bright = await toPixels(fromPixels(blurred).modulate({ brightness: CHAIN.brightness.factor }));
    const badge = badges[i % badges.length]!;
    const poster = await toPixels(
      fromPixels(bright).composite([
        { input: badge.data, raw: { width: badge.width, height: badge.height, channels: badge.channels }, ...CHAIN.overlay },
      ]),
    );
    const png = await fromPixels(poster).png({ compressionLevel: 6, adaptiveFiltering: false, palette: false }).toBuffer();
    await writeFile(join(outDir, `${fixture.sinkId(i)}.png`), png);
  };
  const lane = async (): Promise<void> => {
    for (let i = next++; i < fixture.sources.length; i = next++) await chain(i);
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}

/**
 * The same work written the way most people would write it: one fused sharp pipeline per photo.
 * Not pixel-identical (libvips fuses and reorders), so it is reported for context only.
 */
export async function runFusedSharpBatch(fixture: BatchFixture, outDir: string, concurrency: number): Promise<void> {
  const badges = await Promise.all(
    fixture.badges.map((path) =>
      sharp(path)
        .rotate()
        .toColourspace('srgb')
        .resize({ ...CHAIN.badge, fit: 'cover', kernel: 'lanczos3' })
        .png()
        .toBuffer(),
    ),
  );
  let next = 0;
  const lane = async (): Promise<void> => {
    for (let i = next++; i < fixture.sources.length; i = next++) {
      await sharp(fixture.sources[i]!)
        .rotate()
        .toColourspace('srgb')
        .resize({ ...CHAIN.resize, kernel: 'lanczos3' })
        .blur(CHAIN.blur.sigma)
        .modulate({ brightness: CHAIN.brightness.factor })
        .composite([{ input: badges[i % badges.length]!, ...CHAIN.overlay }])
        .png({ compressionLevel: 6, adaptiveFiltering: false, palette: false })
        .toFile(join(outDir, `${fixture.sinkId(i)}.png`));
    }
  };
  await Promise.all(Array.from({ length: concurrency }, lane));
}
