import type { CommandName, CommandPayload, CommandResults, EventBatch, Result } from '@contract';

export type ConnectionState =
  { kind: 'connecting'; attempt: number } | { kind: 'open' } | { kind: 'closed'; reason: string; retryAt: number; attempt: number };

/** One way to reach the engine: the WebSocket (browser mode) or the preload bridge (Electron). */
export interface Transport {
  command<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<Result<CommandResults[K]>>;
  onBatch(listener: (batch: EventBatch) => void): () => void;
  onConnection(listener: (state: ConnectionState) => void): () => void;
}
