import type { FaultKind, FaultSettings } from '../contract/index.js';
import type { InjectedFault } from '../workers/messages.js';
import { seededRandom } from './seeded-random.js';

/**
 * Decides which faults to inject, from the live settings. `moment` identifies the decision
 * (a task's attempt and its latest journal seq), so the same seed over the same journal
 * history gives the same faults.
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
    const r = this.roll(nodeId, 'dispatch', moment);
    let edge = 0;
    for (const kind of ['error', 'panic', 'hang'] as const) {
      edge += this.chance(nodeId, kind);
      if (r < edge) return kind;
    }
    return null;
  }

  /** Should the output of `parentNodeId` vanish just before `nodeId` reads it? */
  removesInput(nodeId: string, parentNodeId: string, moment: string): boolean {
    return this.roll(nodeId, `missing:${parentNodeId}`, moment) < this.chance(nodeId, 'missing');
  }

  /** Should the output `nodeId` just wrote be damaged on disk? */
  corruptsOutput(nodeId: string, moment: string): boolean {
    return this.roll(nodeId, 'corrupt', moment) < this.chance(nodeId, 'corrupt');
  }

  /** Should the whole engine die right after this journal commit? */
  crashesAfter(seq: number): boolean {
    return this.roll('engine', 'crash', String(seq)) < this.settings.chances.crash;
  }

  jitter(nodeId: string, moment: string): number {
    return this.roll(nodeId, 'jitter', moment);
  }

  get throttleMs(): number {
    return this.settings.throttleMs;
  }
}
