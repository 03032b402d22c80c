import type { OpRun } from './op.js';

export const noop: OpRun<'noop'> = async () => null;
