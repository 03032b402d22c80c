import { readFileSync, writeFileSync } from 'node:fs';
import { z } from 'zod';
import { isWellFormedToken } from './request-guard.js';

/** Where a journal's last browser-mode address is kept: beside the journal, readable by its owner only. */
export const serveAddressPath = (journalPath: string): string => `${journalPath}.serve.json`;

const ServeAddressSchema = z.strictObject({
  port: z.number().int().min(1).max(65_535),
  token: z.string().refine(isWellFormedToken),
});
export type ServeAddress = z.output<typeof ServeAddressSchema>;

/**
 * The port and token `serve` last used on this journal, so a restarted engine keeps its URL and
 * an open page reconnects by itself. Anything unreadable is as if there were nothing.
 */
export function rememberedAddress(journalPath: string): ServeAddress | null {
  try {
    const parsed = ServeAddressSchema.safeParse(JSON.parse(readFileSync(serveAddressPath(journalPath), 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** Best effort: a journal folder we cannot write to only costs the next start its old URL. */
export function rememberAddress(journalPath: string, address: ServeAddress): boolean {
  try {
    writeFileSync(serveAddressPath(journalPath), `${JSON.stringify(address)}\n`, { mode: 0o600 });
    return true;
  } catch {
    return false;
  }
}
