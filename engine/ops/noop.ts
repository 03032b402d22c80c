import type { OpRun } from './op.js';

export const noop: OpRun = async () => null;
