import type { EventBatch } from './events.js';
import type { Result } from './result.js';

/**
 * What a host sends back over a message transport (the WebSocket): the reply to one request,
 * matched by the request envelope's id, or a batch of engine events.
 */
export interface ReplyEnvelope {
  kind: 'reply';
  id: number;
  result: Result<unknown>;
}

export type HostMessage = ReplyEnvelope | EventBatch;
