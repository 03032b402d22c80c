import type { RunSettings } from '../contract/index.js';

/**
 * Exponential backoff with full jitter: attempt n waits a random time in
 * [base·2^(n-1)/2, base·2^(n-1)], capped. `unit` is a uniform [0, 1) from the fault plan's
 * seeded generator so retries are repeatable.
 */
export function backoffDelayMs(attempt: number, settings: Pick<RunSettings, 'backoffBaseMs' | 'backoffMaxMs'>, unit: number): number {
  const ceiling = Math.min(settings.backoffMaxMs, settings.backoffBaseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * unit);
}
