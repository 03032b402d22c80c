import { BadParamsError } from './op-errors.js';
import type { OpRun } from './op.js';

/**
 * A folder is expanded into one load per photo before a run (engine/batch/expand-items.ts), so
 * no folder task is ever sent to a worker; one that is (a journal edited by hand) is refused.
 */
export const folder: OpRun<'folder'> = (_inputs, params) => {
  throw new BadParamsError(`folder ${params.path} is expanded into its photos before a run; it cannot run itself`);
};
