import { createRequire } from 'node:module';
import type SharpModule from 'sharp';

/**
 * sharp, from its CommonJS build. Every worker thread loads sharp when it starts, and the
 * CommonJS build loads in about half the CPU time of the ES module build (~45 ms less per
 * thread), which has its CommonJS dependencies translated one by one. One module for the
 * whole engine, so the main thread and the workers load the same build.
 */
export const sharp = createRequire(import.meta.url)('sharp') as typeof SharpModule;
export type { FitEnum, Sharp } from 'sharp';
