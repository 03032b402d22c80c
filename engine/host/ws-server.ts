import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocket, WebSocketServer, type RawData } from 'ws';
import { fail, PHOTO_UPLOAD, RequestEnvelopeSchema, type HostMessage, type Result } from '../contract/index.js';
import { dispatchCommand } from './dispatch.js';
import type { EngineApi } from './engine-api.js';
import { EventBatcher } from './event-batcher.js';
import { checkHost, checkUpgrade, checkUpload, type Refusal } from './request-guard.js';
import { resolveStaticPath, sendStaticFile } from './static-files.js';

export interface WsServerOptions {
  engine: EngineApi;
  /** The built renderer (dist/renderer). */
  staticDir: string;
  /** 0 picks a free port. */
  port: number;
  token: string;
}

export interface RunningWsServer {
  port: number;
  /** The address to open, token included. */
  url: string;
  close(): Promise<void>;
}

/**
 * The largest message a page may send: a graph.replace of a pipeline of about 500,000 nodes.
 * Past it the connection is closed with code 1009 and a reason; the server goes on.
 */
export const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

/**
 * Browser mode: serves the renderer and carries the contract over one WebSocket per page,
 * bound to 127.0.0.1 only. Every message passes RequestEnvelopeSchema, then dispatchCommand.
 */
export async function startWsServer(options: WsServerOptions): Promise<RunningWsServer> {
  const { engine, staticDir, token } = options;
  let port = options.port;
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });

  const broadcast = new EventBatcher((batch) => {
    const text = JSON.stringify(batch satisfies HostMessage);
    for (const socket of sockets.clients) if (socket.readyState === WebSocket.OPEN) socket.send(text);
  });
  const unsubscribe = engine.subscribe((event) => broadcast.push(event));

  const http = createServer((req, res) => void serveHttp(req, res));

  async function serveHttp(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method === 'POST' && new URL(req.url ?? '/', 'http://127.0.0.1').pathname === PHOTO_UPLOAD.path) return receivePhoto(req, res);
    const refusal = checkHost(req, port) ?? (req.method === 'GET' ? null : { status: 400, reason: 'only GET' });
    if (refusal) return void refuseHttp(res, refusal);
    const path = resolveStaticPath(staticDir, new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    if (!path) return void refuseHttp(res, { status: 400, reason: 'no such file' });
    await sendStaticFile(res, path, securityHeaders(port));
  }

  async function receivePhoto(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const refusal = checkUpload(req, port, token);
    if (refusal) return void refuseHttp(res, refusal);
    const result = await engine.addPhoto(uploadName(req), req);
    // Stopped early (too large): the rest of the body is not read, so the connection closes.
    if (!req.complete) res.setHeader('connection', 'close');
    res.writeHead(result.ok ? 200 : 400, { 'content-type': 'application/json', ...securityHeaders(port) }).end(JSON.stringify(result));
  }

  http.on('upgrade', (req: IncomingMessage, socket: Duplex, head: Buffer) => {
    const refusal = checkUpgrade(req, port, token);
    if (refusal) {
      socket.end(`HTTP/1.1 ${refusal.status} Refused\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n${refusal.reason}\n`);
      return;
    }
    sockets.handleUpgrade(req, socket, head, (ws) => {
      // A protocol error (invalid UTF-8, a frame over the limit, a bad opcode) ends this one
      // connection: ws has already sent the close code and reason; without a listener the error
      // would end the whole process.
      ws.on('error', (e) => console.error(`faultline serve: closed a connection: ${e.message}`));
      ws.on('message', (data, isBinary) => {
        answer(ws, data, isBinary).catch((e: unknown) => {
          console.error(`faultline serve: could not answer a message: ${(e as Error).message}`);
        });
      });
    });
  });

  async function answer(ws: WebSocket, data: RawData, isBinary: boolean): Promise<void> {
    const reply = (id: number, result: Result<unknown>) => {
      if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify({ kind: 'reply', id, result } satisfies HostMessage));
    };
    let parsedJson: unknown;
    try {
      if (isBinary) throw new Error('binary messages are not part of the contract');
      parsedJson = JSON.parse(data.toString());
    } catch (e) {
      return reply(-1, fail('invalid_payload', `unreadable message: ${(e as Error).message}`));
    }
    const envelope = RequestEnvelopeSchema.safeParse(parsedJson);
    if (!envelope.success) return reply(-1, fail('invalid_payload', 'a request needs {id, command, payload}'));
    const { id, command, payload } = envelope.data;
    reply(id, await dispatchCommand(engine, command, payload));
  }

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(port, '127.0.0.1', () => {
      http.off('error', reject);
      resolve();
    });
  });
  const address = http.address();
  port = typeof address === 'object' && address ? address.port : port;

  return {
    port,
    url: `http://127.0.0.1:${port}/?token=${token}`,
    close: async () => {
      unsubscribe();
      broadcast.dispose();
      for (const socket of sockets.clients) socket.terminate();
      sockets.close();
      http.closeAllConnections();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function uploadName(req: IncomingMessage): string {
  const header = req.headers[PHOTO_UPLOAD.nameHeader];
  try {
    return typeof header === 'string' ? decodeURIComponent(header) : 'photo';
  } catch {
    return 'photo';
  }
}

function refuseHttp(res: ServerResponse, refusal: Refusal): void {
  res.writeHead(refusal.status, { 'content-type': 'text/plain; charset=utf-8' }).end(`${refusal.reason}\n`);
}

/** The page may talk only to this server; nothing may frame it. */
function securityHeaders(port: number): Record<string, string> {
  return {
    'content-security-policy': [
      "default-src 'self'",
      `connect-src 'self' ws://127.0.0.1:${port} ws://localhost:${port}`,
      "img-src 'self' data: blob:",
      "style-src 'self' 'unsafe-inline'",
      "frame-ancestors 'none'",
    ].join('; '),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
  };
}
