import {
  fail,
  parseHostMessage,
  resultOf,
  type CommandName,
  type CommandPayload,
  type CommandResults,
  type EventBatch,
  type Result,
} from '@contract';
import type { ConnectionState, Transport } from './transport';

const BACKOFF_MS = { first: 250, max: 5_000 } as const;

/**
 * Browser mode: one WebSocket to the server that served the page, token taken from the page's
 * own URL. A dropped connection (server restarted, laptop asleep) is retried with exponential
 * backoff on the same address; requests in flight when it drops are answered with an error.
 */
export function createWsTransport(pageUrl: URL): Transport {
  const token = pageUrl.searchParams.get('token') ?? '';
  const socketUrl = `${pageUrl.protocol === 'https:' ? 'wss' : 'ws'}://${pageUrl.host}/ws?token=${encodeURIComponent(token)}`;
  const batchListeners = new Set<(batch: EventBatch) => void>();
  const connectionListeners = new Set<(state: ConnectionState) => void>();
  /** By request id: what to do with the answer, which gets the type of the command that asked. */
  const pending = new Map<number, (answer: Result<unknown>) => void>();
  let nextId = 1;
  let socket: WebSocket | null = null;
  let state: ConnectionState = { kind: 'connecting', attempt: 1 };

  const setState = (next: ConnectionState) => {
    state = next;
    connectionListeners.forEach((l) => l(next));
  };

  const connect = (attempt: number) => {
    setState({ kind: 'connecting', attempt });
    const ws = new WebSocket(socketUrl);
    socket = ws;
    let opened = false;
    ws.onopen = () => {
      opened = true;
      setState({ kind: 'open' });
    };
    ws.onmessage = (message) => {
      const read = parseHostMessage(String(message.data));
      if (!read.ok) {
        console.error(`faultline: ignored a message from the engine: ${read.error.message}`);
        return;
      }
      const parsed = read.value;
      if (parsed.kind === 'batch') {
        batchListeners.forEach((l) => l(parsed));
        return;
      }
      const settle = pending.get(parsed.id);
      pending.delete(parsed.id);
      settle?.(parsed.result);
    };
    ws.onclose = (event) => {
      socket = null;
      pending.forEach((settle) => settle(fail('internal', 'the connection to the engine dropped before it answered')));
      pending.clear();
      const nextAttempt = opened ? 1 : attempt + 1;
      const delay = Math.min(BACKOFF_MS.max, BACKOFF_MS.first * 2 ** (nextAttempt - 1)) * (0.75 + Math.random() * 0.5);
      const reason = token ? event.reason || 'the engine is not reachable' : 'this address has no ?token=…: open the URL the server printed';
      setState({ kind: 'closed', reason, retryAt: Date.now() + delay, attempt: nextAttempt });
      setTimeout(() => connect(nextAttempt), delay);
    };
  };
  connect(1);

  return {
    command<K extends CommandName>(name: K, payload: CommandPayload<K>): Promise<Result<CommandResults[K]>> {
      if (!socket || socket.readyState !== WebSocket.OPEN) {
        return Promise.resolve(fail('internal', 'not connected to the engine: reconnecting'));
      }
      const id = nextId++;
      const open = socket;
      return new Promise((resolve) => {
        pending.set(id, (answer) => resolve(resultOf(name, answer)));
        open.send(JSON.stringify({ id, command: name, payload }));
      });
    },
    onBatch(listener) {
      batchListeners.add(listener);
      return () => batchListeners.delete(listener);
    },
    onConnection(listener) {
      connectionListeners.add(listener);
      listener(state);
      return () => connectionListeners.delete(listener);
    },
  };
}
