import type { EventBatch } from '@contract';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectionState } from './transport';
import { createWsTransport } from './ws-transport';

/** Just what ws-transport uses of a browser WebSocket; each test drives it by hand. */
class FakeSocket {
  static readonly OPEN = 1;
  static latest: FakeSocket | null = null;
  readyState = 0;
  readonly sent: string[] = [];
  onopen: (() => void) | null = null;
  onmessage: ((message: { data: string }) => void) | null = null;
  onclose: ((event: { reason: string }) => void) | null = null;

  constructor(readonly url: string) {
    FakeSocket.latest = this;
  }
  send(text: string): void {
    this.sent.push(text);
  }
  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.onopen?.();
  }
  receive(text: string): void {
    this.onmessage?.({ data: text });
  }
  drop(reason: string): void {
    this.readyState = 3;
    this.onclose?.({ reason });
  }
}

function openTransport() {
  const transport = createWsTransport(new URL('http://127.0.0.1:4000/?token=abc'));
  const socket = FakeSocket.latest!;
  socket.open();
  return { transport, socket };
}

const lastRequest = (socket: FakeSocket): unknown => JSON.parse(socket.sent.at(-1) ?? 'null');

beforeEach(() => {
  vi.useFakeTimers(); // reconnect timers never fire unless a test says so
  vi.stubGlobal('WebSocket', FakeSocket);
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
  vi.restoreAllMocks();
});

describe('the WebSocket transport', () => {
  it("connects to the page's own host with the page's token", () => {
    openTransport();
    expect(FakeSocket.latest?.url).toBe('ws://127.0.0.1:4000/ws?token=abc');
  });

  it('answers each command with the reply that carries its id', async () => {
    const { transport, socket } = openTransport();
    const first = transport.command('graph.addNode', { op: 'blur', position: { x: 1, y: 2 } });
    const second = transport.command('task.retry', { id: 'n1' });
    expect(lastRequest(socket)).toEqual({ id: 2, command: 'task.retry', payload: { id: 'n1' } });

    socket.receive(JSON.stringify({ kind: 'reply', id: 2, result: { ok: false, error: { kind: 'busy', message: 'running' } } }));
    socket.receive(JSON.stringify({ kind: 'reply', id: 1, result: { ok: true, value: { id: 'blur-1' } } }));
    expect(await first).toEqual({ ok: true, value: { id: 'blur-1' } });
    expect(await second).toEqual({ ok: false, error: { kind: 'busy', message: 'running' } });
  });

  it('hands batches to its listeners', () => {
    const { transport, socket } = openTransport();
    const batches: EventBatch[] = [];
    transport.onBatch((batch) => batches.push(batch));
    const batch: EventBatch = { kind: 'batch', events: [{ kind: 'halted', message: 'disk full' }] };
    socket.receive(JSON.stringify(batch));
    expect(batches).toEqual([batch]);
  });

  it('ignores, and says so, a message that is not a host message', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const { transport, socket } = openTransport();
    const batches: EventBatch[] = [];
    transport.onBatch((batch) => batches.push(batch));
    const answer = transport.command('graph.get', {});

    socket.receive('{not json');
    socket.receive(JSON.stringify({ kind: 'batch', events: [{ kind: 'no-such-event' }] }));
    socket.receive(JSON.stringify({ kind: 'reply', id: 1, result: { ok: 'yes' } }));
    expect(errors).toHaveBeenCalledTimes(3);
    expect(batches).toEqual([]);

    socket.receive(JSON.stringify({ kind: 'reply', id: 1, result: { ok: true, value: null } }));
    expect(await answer).toEqual({ ok: true, value: null });
  });

  it('answers what was in flight with an error when the connection drops, and says it is closed', async () => {
    const { transport, socket } = openTransport();
    const states: ConnectionState[] = [];
    transport.onConnection((state) => states.push(state));
    const answer = transport.command('run.start', {});

    socket.drop('server restarted');
    expect(await answer).toMatchObject({ ok: false, error: { kind: 'internal' } });
    expect(states.at(-1)).toMatchObject({ kind: 'closed', reason: 'server restarted', attempt: 1 });
    expect(await transport.command('run.start', {})).toMatchObject({ ok: false, error: { kind: 'internal' } });
  });
});
