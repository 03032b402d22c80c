export const TASK_STATUSES = ['pending', 'running', 'completed', 'failed', 'dead', 'blocked', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

/**
 * Why an attempt ended without an output. Each kind maps to one recovery in
 * engine/scheduler/failure-policy.ts.
 */
export const FAILURE_KINDS = [
  'injected_error', // the error fault: the op threw on purpose
  'op_error', // the op threw for a reason we did not inject (transient until proven otherwise)
  'worker_crashed', // the panic fault, or any thread exit while holding a task
  'timeout', // the hang fault: past the per-task timeout or missed heartbeats
  'input_missing', // a parent's output vanished: revert the parent
  'input_corrupt', // a parent's output fails its checksum: revert the parent
  'bad_input', // the source file is not a usable image: permanent
  'bad_params', // the params cannot apply to this input (crop outside the image): permanent
  'interrupted', // the engine itself died while the task ran
  'cancelled',
] as const;
export type FailureKind = (typeof FAILURE_KINDS)[number];
