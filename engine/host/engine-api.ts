import type { CommandName, CommandResults, EngineEvent, ParsedPayload, Result } from '../contract/index.js';

/**
 * What a host (WebSocket server, Electron main) needs of the engine: run a validated command,
 * and hear every event. Hosts validate payloads first (dispatch.ts) and batch events
 * (event-batcher.ts); the engine trusts neither the UI nor the transport.
 */
export interface EngineApi {
  execute<K extends CommandName>(name: K, payload: ParsedPayload<K>): Promise<Result<CommandResults[K]>>;
  subscribe(listener: (event: EngineEvent) => void): () => void;
}
