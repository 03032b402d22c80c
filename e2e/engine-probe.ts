import WebSocket from 'ws';
import {
  parseHostMessage,
  resultOf,
  type CommandName,
  type CommandPayload,
  type CommandResults,
  type ReplyEnvelope,
} from '../engine/contract/index.js';
import type { ServeAddress } from './serve-process.js';

/** A WebSocket to the engine from the test itself, with the page's own Origin. */
export function connect(url: string, origin: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url, { origin });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

export const connectTo = (address: ServeAddress): Promise<WebSocket> =>
  connect(`ws://127.0.0.1:${address.port}/ws?token=${address.token}`, `http://127.0.0.1:${address.port}`);

/** Sends one raw message and waits for the reply with that id (-1 for unreadable messages). */
export function request(socket: WebSocket, raw: string, id: number): Promise<ReplyEnvelope> {
  return new Promise((resolve, reject) => {
    const onMessage = (data: WebSocket.RawData) => {
      const read = parseHostMessage(data.toString());
      if (!read.ok) {
        socket.off('message', onMessage);
        reject(new Error(`the engine sent ${read.error.message}`));
      } else if (read.value.kind === 'reply' && read.value.id === id) {
        socket.off('message', onMessage);
        resolve(read.value);
      }
    };
    socket.on('message', onMessage);
    socket.send(raw);
  });
}

let nextId = 1_000;

/**
 * One command to the engine over a fresh connection: what the engine holds, asked directly,
 * so a test checks the engine's state and not only what the page shows.
 */
export async function ask<K extends CommandName>(address: ServeAddress, name: K, payload: CommandPayload<K>): Promise<CommandResults[K]> {
  const socket = await connectTo(address);
  try {
    const id = nextId++;
    const reply = await request(socket, JSON.stringify({ id, command: name, payload }), id);
    const result = resultOf(name, reply.result);
    if (!result.ok) throw new Error(`${name} refused: ${result.error.message}`);
    return result.value;
  } finally {
    socket.close();
  }
}
