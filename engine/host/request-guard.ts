import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { PHOTO_UPLOAD } from '../contract/index.js';

/**
 * Who may talk to the browser-mode server: a page we served (Origin is our own), reached by our
 * own host name (Host check: no DNS rebinding), holding the token printed on the console.
 */
export type Refusal = { status: 400 | 401 | 403 | 421; reason: string };

/**
 * 32 URL-safe characters. Never one that starts with '-': pasted after `--token` it would be read
 * as a flag (1 in 64 tokens did; replacing that one character keeps 191 of 192 bits).
 */
export const newToken = (): string => randomBytes(24).toString('base64url').replace(/^-/, 'A');

/** Tokens from the command line must be as hard to guess as the ones we make. */
export const isWellFormedToken = (token: string): boolean => /^[A-Za-z0-9_-]{16,128}$/.test(token);

export function tokensMatch(expected: string, given: string | null): boolean {
  if (given === null) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function ownOrigins(port: number): string[] {
  return [`http://127.0.0.1:${port}`, `http://localhost:${port}`];
}

export function checkHost(req: IncomingMessage, port: number): Refusal | null {
  const host = req.headers.host ?? '';
  return ownOrigins(port).some((o) => o === `http://${host}`) ? null : { status: 421, reason: `unexpected Host header ${JSON.stringify(host)}` };
}

export function checkUpgrade(req: IncomingMessage, port: number, token: string): Refusal | null {
  const hostRefusal = checkHost(req, port);
  if (hostRefusal) return hostRefusal;
  const origin = req.headers.origin;
  if (!origin || !ownOrigins(port).includes(origin)) {
    return { status: 403, reason: `origin ${JSON.stringify(origin ?? null)} is not this server` };
  }
  const given = new URL(req.url ?? '/', 'http://127.0.0.1').searchParams.get('token');
  return tokensMatch(token, given) ? null : { status: 401, reason: 'missing or wrong token' };
}

/**
 * A page's upload (POST /photos): our Host, our Origin (a cross-site form cannot forge it), and
 * the token in a header, since a form can set no headers at all.
 */
export function checkUpload(req: IncomingMessage, port: number, token: string): Refusal | null {
  const hostRefusal = checkHost(req, port);
  if (hostRefusal) return hostRefusal;
  const origin = req.headers.origin;
  if (!origin || !ownOrigins(port).includes(origin)) return { status: 403, reason: `origin ${JSON.stringify(origin ?? null)} is not this server` };
  const given = req.headers[PHOTO_UPLOAD.tokenHeader];
  return tokensMatch(token, typeof given === 'string' ? given : null) ? null : { status: 401, reason: 'missing or wrong token' };
}
