import type { FaultKind, FaultSettings } from '../contract/index.js';
import type { InjectedFault } from '../workers/messages.js';
import { seededRandom } from './seeded-random.js';

/**
 * Decides which faults to inject, from the live settings. `moment` identifies the decision
 * (a task's attempt and how many events it has had), so the same seed over the same task
 * history gives the same faults, whatever other tasks do meanwhile.
 */
export class FaultPlan {
  /** Whole, already merged and validated settings (SettingsKeeper owns the patching). */
  constructor(private settings: FaultSettings) {}

  get current(): FaultSettings {
    return this.settings;
  }

  set(settings: FaultSettings): void {
    this.settings = settings;
  }

  private chance(nodeId: string, kind: FaultKind): number {
    const override = this.settings.overrides[nodeId]?.chances?.[kind];
    return override ?? this.settings.chances[kind];
  }

  private roll(nodeId: string, kind: string, moment: string): number {
    return seededRandom(this.settings.seed, `${kind}:${nodeId}:${moment}`);
  }

  /** The fault the worker should act out for this attempt (one roll, split between kinds). */
  dispatchFault(nodeId: string, moment: string): InjectedFault {
    if (this.settings.overrides[nodeId]?.alwaysFail) return 'error';
    const error = this.chance(nodeId, 'error');
    const panic = this.chance(nodeId, 'panic');
    const hang = this.chance(nodeId, 'hang');
    // No roll when nothing can strike: the fault-free path is on every task's way.
    if (error + panic + hang === 0) return null;
    const r = this.roll(nodeId, 'dispatch', moment);
    if (r < error) return 'error';
    if (r < error + panic) return 'panic';
    return r < error + panic + hang ? 'hang' : null;
  }

  /** Should the output of `parentNodeId` vanish just before `nodeId` reads it? */
  removesInput(nodeId: string, parentNodeId: string, moment: string): boolean {
    const chance = this.chance(nodeId, 'missing');
    return chance > 0 && this.roll(nodeId, `missing:${parentNodeId}`, moment) < chance;
  }

  /** Should the output `nodeId` just wrote be damaged on disk? */
  corruptsOutput(nodeId: string, moment: string): boolean {
    const chance = this.chance(nodeId, 'corrupt');
    return chance > 0 && this.roll(nodeId, 'corrupt', moment) < chance;
  }

  /** Should the whole engine die right after this journal commit? */
  crashesAfter(seq: number): boolean {
    const chance = this.settings.chances.crash;
    return chance > 0 && this.roll('engine', 'crash', String(seq)) < chance;
  }

  jitter(nodeId: string, moment: string): number {
    return this.roll(nodeId, 'jitter', moment);
  }

  get throttleMs(): number {
    return this.settings.throttleMs;
  }
}
