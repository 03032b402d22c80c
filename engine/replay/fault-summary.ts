import { FaultSettingsSchema } from '../contract/index.js';

/**
 * "faults: error 20% · panic 5% · seed 7": what a run was started with, from its settings JSON
 * as the engine journals it ({faults, settings}). Null when the JSON says nothing readable about
 * faults: a replay must not fail over a caption. Sliders may have changed them during the run.
 */
export function describeRunFaults(settingsJson: string): string | null {
  let parsed;
  try {
    parsed = FaultSettingsSchema.safeParse((JSON.parse(settingsJson) as { faults?: unknown } | null)?.faults);
  } catch {
    return null;
  }
  if (!parsed.success) return null;
  const { chances, seed, overrides } = parsed.data;
  const parts = Object.entries(chances)
    .filter(([, chance]) => chance > 0)
    .map(([kind, chance]) => `${kind} ${Number((chance * 100).toFixed(1))}%`);
  const overridden = Object.keys(overrides).length;
  if (overridden > 0) parts.push(`${overridden} node override${overridden === 1 ? '' : 's'}`);
  return parts.length === 0 ? 'no faults injected' : `faults: ${parts.join(' · ')} · seed ${seed}`;
}
