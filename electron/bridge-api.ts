import type { CommandPayload, EventBatch, Result, Snapshot } from '../engine/contract/index.js';

/**
 * Everything the preload exposes to the page as `window.faultline`: named functions only, never
 * ipcRenderer. The file-system work (dialogs, reading and writing files) happens in main.
 */
export interface FaultlineBridge {
  /** Any contract command; main validates it (dispatchCommand) and checks who sent it. */
  command(name: string, payload: unknown): Promise<Result<unknown>>;
  onEvents(listener: (batch: EventBatch) => void): () => void;
  /** Exports the graph and saves it where the person chooses; null when they cancel. */
  savePipeline(): Promise<Result<{ savedAs: string } | null>>;
  /** Opens a pipeline file, makes its photo paths absolute, and replaces the graph with it. */
  openPipeline(): Promise<Result<Snapshot | null>>;
  /** Renders the run as a GIF and saves it where the person chooses. */
  exportGif(options: CommandPayload<'replay.exportGif'>): Promise<Result<{ savedAs: string; bytes: number; frames: number } | null>>;
  /** An absolute path to a photo, for a load node. */
  pickPhoto(): Promise<Result<string | null>>;
}

/** IPC channel names, shared by preload and main so neither can drift. */
export const CHANNELS = {
  command: 'faultline:command',
  events: 'faultline:events',
  savePipeline: 'faultline:save-pipeline',
  openPipeline: 'faultline:open-pipeline',
  exportGif: 'faultline:export-gif',
  pickPhoto: 'faultline:pick-photo',
} as const;

export type ChannelMap = typeof CHANNELS;
