import { hash } from 'node:crypto';
import { isOpName, opKeyName } from '../contract/index.js';

/**
 * Names an output by what determines its bytes: the op, its params, the checksums of its
 * inputs (or of the source file, for load), and the stored format. Fault settings never enter
 * it, which is why a run under faults lands on the very same files as a fault-free run.
 */
export function contentKey(parts: { op: string; params: Record<string, unknown>; inputs: readonly string[]; format: string }): string {
  // One-shot hash (Node 20.12+): a Hash object per task cost ~2 µs, on every task's way.
  const text = JSON.stringify([isOpName(parts.op) ? opKeyName(parts.op) : parts.op, canonical(parts.params), parts.inputs, parts.format]);
  return hash('sha256', text, 'hex').slice(0, 40);
}

/** JSON with sorted keys, so {a,b} and {b,a} are one key. */
function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Record<string, unknown>)[k])]),
    );
  }
  return value;
}
