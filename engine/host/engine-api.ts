import type { CommandName, CommandResults, EngineEvent, ParsedPayload, Result, StoredPhoto } from '../contract/index.js';

/**
 * What a host (WebSocket server, Electron main) needs of the engine: run a validated command,
 * and hear every event. Hosts validate payloads first (dispatch.ts) and batch events
 * (event-batcher.ts); the engine trusts neither the UI nor the transport.
 */
export interface EngineApi {
  execute<K extends CommandName>(name: K, payload: ParsedPayload<K>): Promise<Result<CommandResults[K]>>;
  subscribe(listener: (event: EngineEvent) => void): () => void;
  /** A photo's bytes from a UI (an upload, a drop), stored in the workspace; refused as data. */
  addPhoto(name: string, source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>): Promise<Result<StoredPhoto>>;
}
