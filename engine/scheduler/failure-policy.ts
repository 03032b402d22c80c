import type { FailureKind } from '../contract/index.js';

/**
 * What the scheduler does about each kind of failed attempt, in one table:
 * - retry: journal `failed`, back off, try again until max attempts, then `dead`;
 * - revert-parent: the input is gone or damaged, so the parent re-runs and this task waits,
 *   without spending an attempt;
 * - dead: retrying cannot help (the photo is not an image, the crop misses the image).
 */
export type Recovery = 'retry' | 'revert-parent' | 'dead';

export const FAILURE_POLICY: Record<FailureKind, Recovery> = {
  injected_error: 'retry',
  op_error: 'retry',
  worker_crashed: 'retry',
  timeout: 'retry',
  input_missing: 'revert-parent',
  input_corrupt: 'revert-parent',
  bad_input: 'dead',
  bad_params: 'dead',
  interrupted: 'retry',
  cancelled: 'dead',
};
