import { OP_NAMES } from '../contract/index.js';

/**
 * Which ops each worker thread takes, after the original design (Thread1: resize, crop;
 * Thread2: blur, brightness). A worker count above the number of groups cycles through them;
 * a single worker takes everything. noop goes anywhere (it measures the engine, not sharp).
 */
export const DEFAULT_AFFINITY: readonly string[][] = [
  ['load', 'crop', 'resize', 'overlay', 'rotate', 'noop'],
  ['blur', 'brightness', 'grayscale', 'sharpen', 'noop'],
];

export function opsForWorker(index: number, workers: number, groups: readonly string[][] = DEFAULT_AFFINITY): string[] {
  if (workers === 1 || groups.length === 0) return [...OP_NAMES];
  const group = groups[index % groups.length]!;
  // With fewer workers than groups, the last worker also takes the groups nobody else has.
  if (index === workers - 1 && workers < groups.length) return [...new Set(groups.slice(index).flat())];
  return [...group];
}

/** Parses `--affinity "load,crop,resize|blur,brightness"`. */
export function parseAffinity(text: string): string[][] {
  return text.split('|').map((group) =>
    group
      .split(',')
      .map((op) => op.trim())
      .filter(Boolean),
  );
}
