import { applyBatch } from './apply-batch';
import { applyJournalPage, applySnapshot } from './apply-snapshot';
import { send, attachHost, type EngineHost } from './engine-client';
import { useFaultline } from './store';

/** How much history the journal panel and worker timelines load on (re)connect. */
const JOURNAL_PAGE = 1_000;

/** Everything shown comes from graph.get: after every (re)connect the page reloads its state. */
export async function reloadFromEngine(): Promise<void> {
  const snapshot = await send('graph.get', {});
  if (snapshot.ok) applySnapshot(snapshot.value);
  const page = await send('journal.page', { limit: JOURNAL_PAGE });
  if (page.ok) applyJournalPage(page.value.rows);
}

export function connectEngine(chosen: EngineHost): void {
  attachHost(chosen);
  chosen.transport.onBatch(applyBatch);
  chosen.transport.onConnection((connection) => {
    // Back from a lost engine, the page shows only what it says now: live, reloaded.
    useFaultline.setState(connection.kind === 'open' ? { connection, replay: { mode: 'live', problem: null } } : { connection });
    if (connection.kind === 'open') void reloadFromEngine();
  });
}
