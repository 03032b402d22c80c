import { FaultSettingsSchema, type FaultSettings } from '../contract/index.js';

/** "faults: error 20% · panic 5% · seed 7", or "no faults injected". */
export function describeFaults({ chances, seed, overrides, throttleMs }: FaultSettings): string {
  const parts = Object.entries(chances)
    .filter(([, chance]) => chance > 0)
    .map(([kind, chance]) => `${kind} ${Number((chance * 100).toFixed(1))}%`);
  const overridden = Object.keys(overrides).length;
  if (overridden > 0) parts.push(`${overridden} node override${overridden === 1 ? '' : 's'}`);
  const throttle = throttleMs > 0 ? ` · throttle ${throttleMs} ms` : '';
  return parts.length === 0 ? `no faults injected${throttle}` : `faults: ${parts.join(' · ')} · seed ${seed}${throttle}`;
}

/**
 * What a run was started with, from its settings JSON as the engine journals it ({faults,
 * settings}): for journals written before settings changes were journaled. Null when the JSON
 * says nothing readable about faults: a replay must not fail over a caption.
 */
export function describeRunFaults(settingsJson: string): string | null {
  let parsed;
  try {
    parsed = FaultSettingsSchema.safeParse((JSON.parse(settingsJson) as { faults?: unknown } | null)?.faults);
  } catch {
    return null;
  }
  return parsed.success ? describeFaults(parsed.data) : null;
}
