import { writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { PipelineFile } from '../engine/contract/index.js';

const SAMPLE_DIR = fileURLToPath(new URL('../../assets/photos/', import.meta.url));
const SAMPLES = ['astronaut.png', 'chelsea.png', 'coffee.png', 'rocket.jpg'];

/** The per-chain parameters, shared by the pipeline file and the plain-sharp script. */
export const CHAIN = {
  resize: { width: 400 },
  blur: { sigma: 2 },
  brightness: { factor: 1.2 },
  overlay: { left: 16, top: 16 },
  badge: { width: 96 },
} as const;

export interface BatchFixture {
  pipelinePath: string;
  /** Absolute paths of the chains' source photos, in chain order. */
  sources: string[];
  /** Absolute paths of the badge photos (the overlay's other branch). */
  badges: string[];
  /** The sink id of chain i, so outputs can be compared file by file. */
  sinkId: (i: number) => string;
  tasks: number;
  /** The sample photos' folder, which the badges load from (given to the engine as allowedDirs). */
  samplesDir: string;
}

/**
 * Writes `chains` distinct source photos cut from the four samples, and a pipeline of one chain
 * per photo: load → resize → blur → brightness → overlay(badge). Each photo differs (its own
 * crop), so the engine's content-key cache cannot skip work the plain script has to do.
 */
export async function makeBatchFixture(dir: string, chains: number): Promise<BatchFixture> {
  const photos = join(dir, 'photos');
  mkdirSync(photos, { recursive: true });
  const decoded = await Promise.all(
    SAMPLES.map(async (name) => {
      const { data, info } = await sharp(join(SAMPLE_DIR, name)).removeAlpha().raw().toBuffer({ resolveWithObject: true });
      return { data, info };
    }),
  );
  const sources: string[] = [];
  for (let i = 0; i < chains; i++) {
    const { data, info } = decoded[i % SAMPLES.length]!;
    const k = Math.floor(i / SAMPLES.length);
    const path = join(photos, `src-${i}.png`);
    await sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } })
      .extract({ left: k % 32, top: Math.floor(k / 32) % 24, width: info.width - 32, height: info.height - 24 })
      .png()
      .toFile(path);
    sources.push(path);
  }
  const badges = SAMPLES.map((name) => join(SAMPLE_DIR, name));

  const nodes: PipelineFile['nodes'] = [];
  badges.forEach((path, j) => {
    nodes.push({ id: `badge-src-${j}`, op: 'load', params: { path }, inputs: [] });
    nodes.push({ id: `badge-${j}`, op: 'resize', params: { ...CHAIN.badge }, inputs: [`badge-src-${j}`] });
  });
  for (let i = 0; i < chains; i++) {
    nodes.push({ id: `load-${i}`, op: 'load', params: { path: `photos/src-${i}.png` }, inputs: [] });
    nodes.push({ id: `resize-${i}`, op: 'resize', params: { ...CHAIN.resize }, inputs: [`load-${i}`] });
    nodes.push({ id: `blur-${i}`, op: 'blur', params: { ...CHAIN.blur }, inputs: [`resize-${i}`] });
    nodes.push({ id: `bright-${i}`, op: 'brightness', params: { ...CHAIN.brightness }, inputs: [`blur-${i}`] });
    nodes.push({ id: `poster-${i}`, op: 'overlay', params: { ...CHAIN.overlay }, inputs: [`bright-${i}`, `badge-${i % badges.length}`] });
  }
  const pipelinePath = join(dir, 'batch.json');
  writeFileSync(pipelinePath, JSON.stringify({ name: `bench: ${chains} photo chains`, version: 1, nodes }));
  return { pipelinePath, sources, badges, sinkId: (i) => `poster-${i}`, tasks: nodes.length, samplesDir: SAMPLE_DIR };
}
