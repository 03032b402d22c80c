import type { CommandName, CommandPayload, CommandResults, Result } from '@contract';
import type { Platform } from '../transport/platform';
import type { Transport } from '../transport/transport';
import { applyBatch } from './apply-batch';
import { applyJournalPage, applySnapshot } from './apply-snapshot';
import { notifyError } from './notices';
import { useFaultline } from './store';

/** How much history the journal panel and worker timelines load on (re)connect. */
const JOURNAL_PAGE = 1_000;

let transport: Transport | null = null;
let platform: Platform | null = null;

/** Sends a command; a refusal is shown as a notice unless the caller handles it (`quiet`). */
export async function send<K extends CommandName>(
  name: K,
  payload: CommandPayload<K>,
  options: { quiet?: boolean } = {},
): Promise<Result<CommandResults[K]>> {
  if (!transport) throw new Error('send() before connectEngine()');
  const result = await transport.command(name, payload);
  if (!result.ok && !options.quiet) notifyError(name, result.error);
  return result;
}

export function currentPlatform(): Platform {
  if (!platform) throw new Error('currentPlatform() before connectEngine()');
  return platform;
}

/** Everything shown comes from graph.get: after every (re)connect the page reloads its state. */
export async function reloadFromEngine(): Promise<void> {
  const snapshot = await send('graph.get', {});
  if (snapshot.ok) applySnapshot(snapshot.value);
  const page = await send('journal.page', { limit: JOURNAL_PAGE });
  if (page.ok) applyJournalPage(page.value.rows);
}

export function connectEngine(chosen: { transport: Transport; platform: Platform }): void {
  transport = chosen.transport;
  platform = chosen.platform;
  transport.onBatch(applyBatch);
  transport.onConnection((connection) => {
    // Back from a lost engine, the page shows only what it says now: live, reloaded.
    useFaultline.setState(connection.kind === 'open' ? { connection, replay: { mode: 'live', problem: null } } : { connection });
    if (connection.kind === 'open') void reloadFromEngine();
  });
}
