import { FaultSettingsSchema, RunSettingsSchema, type EngineSettings } from '../contract/index.js';
import type { Journal } from './journal.js';

/**
 * The settings in force right after event seq (the latest when omitted), as journaled; undefined
 * when none were journaled or they no longer parse (a replay must not fail over a caption).
 */
export function settingsAt(journal: Journal, seq?: number): EngineSettings | undefined {
  const row = journal.settingsAt(seq);
  if (!row) return undefined;
  try {
    const faults = FaultSettingsSchema.safeParse(JSON.parse(row.faults));
    const settings = RunSettingsSchema.safeParse(JSON.parse(row.settings));
    return faults.success && settings.success ? { faults: faults.data, settings: settings.data } : undefined;
  } catch {
    return undefined;
  }
}
