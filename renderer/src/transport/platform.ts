import type { CommandPayload, Result, Snapshot } from '@contract';
import type { SavedGif, SavedPipeline } from '../../../electron/bridge-api';

/** File work differs by host: native dialogs on the desktop, download + file input in a browser. */
export interface Platform {
  kind: 'desktop' | 'browser';
  savePipeline(): Promise<Result<SavedPipeline | null>>;
  openPipeline(): Promise<Result<Snapshot | null>>;
  exportGif(options: CommandPayload<'replay.exportGif'>): Promise<Result<SavedGif | null>>;
  /** Desktop only: a browser page cannot learn a file's path. */
  pickPhoto: (() => Promise<Result<string | null>>) | null;
}
