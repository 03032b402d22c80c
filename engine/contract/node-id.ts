import { z } from 'zod';

/**
 * The one rule for a node id, wherever a node comes from (a pipeline file, the canvas, a
 * replace, a journal written by an older build): ids become file names of exported sinks, so
 * nothing but letters, digits, `_` and `-`, and a bounded length.
 */
export const NODE_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const NodeIdSchema = z.string().regex(NODE_ID_PATTERN, 'node ids are 1 to 64 of letters, digits, _ and -');
export const isNodeId = (id: string): boolean => NODE_ID_PATTERN.test(id);

/**
 * A task a mapped node runs for one photo: `<node id>@<12 hex of the photo's path>`. `@` is in
 * no node id, so the two never meet; the id is still a safe file name (exports use the node id).
 */
export const TASK_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}(@[0-9a-f]{12})?$/;
export const TaskIdSchema = z.string().regex(TASK_ID_PATTERN, 'task ids are a node id, or a node id, @ and 12 hex digits');
export const isTaskId = (id: string): boolean => TASK_ID_PATTERN.test(id);
