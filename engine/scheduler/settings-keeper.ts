import { DEFAULT_RUN_SETTINGS, mergeSettings, NO_FAULTS, type EngineSettings, type SettingsPatch } from '../contract/index.js';
import { EngineError } from '../errors.js';
import type { Journal } from '../journal/journal.js';
import { settingsAt } from '../journal/settings-at.js';

export type SettingsChange = { ok: true; value: EngineSettings } | { ok: false; message: string };

/**
 * The one owner of the fault and run settings: every change is a patch merged into what is in
 * force, validated whole, and journaled whole with its time, so a restart restores the last
 * settings and a replay knows what was on at each moment.
 */
export class SettingsKeeper {
  private value: EngineSettings;

  private constructor(
    private readonly journal: Journal,
    initial: EngineSettings,
    /** Whether the journal holds a settings row yet (a new journal gets its first on open). */
    private journaled: boolean,
  ) {
    this.value = initial;
  }

  /** The journal's last settings (defaults for a new journal), with the opener's patch on top. */
  static open(journal: Journal, patch: SettingsPatch): SettingsKeeper {
    const restored = settingsAt(journal);
    const keeper = new SettingsKeeper(journal, restored ?? { faults: NO_FAULTS, settings: DEFAULT_RUN_SETTINGS }, restored !== undefined);
    const opened = keeper.change(patch, 'open');
    if (!opened.ok) throw new EngineError('usage', `bad settings: ${opened.message}`);
    return keeper;
  }

  get current(): EngineSettings {
    return this.value;
  }

  /** Journals only a real change: a patch that changes nothing leaves no row. */
  change(patch: SettingsPatch, source: string): SettingsChange {
    const merged = mergeSettings(this.value, patch);
    if (!merged.ok) return merged;
    const unchanged = this.journaled && JSON.stringify(merged.value) === JSON.stringify(this.value);
    this.value = merged.value;
    if (!unchanged) this.journal.appendSettings(source, merged.value);
    this.journaled = true;
    return merged;
  }
}
