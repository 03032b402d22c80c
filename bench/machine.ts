import { availableParallelism, cpus, totalmem } from 'node:os';
import sharp from 'sharp';

export interface MachineInfo {
  cores: number;
  cpu: string;
  memoryGb: number;
  node: string;
  sharp: string;
  libvips: string;
  sharpConcurrency: number;
  uvThreadpoolSize: string;
}

/** What the figures were measured on: they mean little without it. */
export function machineInfo(): MachineInfo {
  return {
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    sharp: sharp.versions.sharp ?? 'unknown',
    libvips: sharp.versions.vips,
    sharpConcurrency: sharp.concurrency(),
    uvThreadpoolSize: process.env.UV_THREADPOOL_SIZE ?? '4 (default)',
  };
}
