/** Handle ids on an op node: one output, and one input per slot (`in-0`, `in-1`, ...). */
export const OUTPUT_HANDLE = 'out';
export const inputHandle = (slot: number) => `in-${slot}`;
export const slotOfHandle = (handle: string | null | undefined) => Number(/^in-(\d+)$/.exec(handle ?? '')?.[1] ?? 0);

export const edgeId = (source: string, target: string, slot: number) => `${source}->${target}#${slot}`;
