import type { FaultSettingsPatch, RunSettingsPatch } from '../contract/index.js';
import type { Durability } from '../journal/open-journal.js';

export interface EngineOptions {
  /** The SQLite journal; created if absent, resumed if present. */
  journalPath: string;
  /** Where outputs go: content-keyed objects under DIR/.objects, each sink as DIR/<nodeId>.png. */
  outDir: string;
  /**
   * A pipeline file to load. Without one the engine uses the journal's own pipeline, or the
   * built-in sample (assets/sample.json) for a new journal.
   */
  pipelinePath?: string;
  /** Applied over the settings the journal last held (defaults for a new journal), and journaled. */
  faults?: FaultSettingsPatch;
  settings?: RunSettingsPatch;
  /** normal (default): journal and outputs survive a killed process; full: also a power cut (fsync everything). */
  durability?: Durability;
  /** Largest image a load op accepts, in pixels (width × height). */
  maxPixels?: number;
  /** Folders load paths may point into; the pipeline file's own folder is always allowed. */
  allowedDirs?: string[];
  /** Engine crash fault: called instead of killing the process, for in-process tests. */
  onCrash?: () => void;
  /** Ops per worker thread, e.g. [['load','crop'],['blur']]; default: DEFAULT_AFFINITY. */
  affinity?: string[][];
  /** Jobs a worker holds at once; more than 1 hides message latency for tiny tasks. Default 1. */
  tasksPerWorker?: number;
  /** Continue a run the last process left running (it was killed). Default true. */
  resumeInterruptedRun?: boolean;
}

export const DEFAULT_MAX_PIXELS = 50_000_000;

/** The options an open engine holds, with their defaults filled. */
export type ResolvedEngineOptions = EngineOptions & { maxPixels: number; allowedDirs: string[] };
