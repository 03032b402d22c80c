import type { CommandName, CommandPayload, CommandResults, Result } from '@contract';
import type { Platform } from '../transport/platform';
import type { Transport } from '../transport/transport';
import { notifyError } from './notices';

/** How the page reaches the engine. Set once, by connectEngine (connect-engine.ts). */
export interface EngineHost {
  transport: Transport;
  platform: Platform;
}

let host: EngineHost | null = null;

/**
 * Kept apart from connectEngine, which feeds engine events to the reducers: actions that only
 * send (edits, fault sliders) then never import the reducers, and the reducers may use them.
 */
export function attachHost(chosen: EngineHost): void {
  host = chosen;
}

/** Sends a command; a refusal is shown as a notice unless the caller handles it (`quiet`). */
export async function send<K extends CommandName>(
  name: K,
  payload: CommandPayload<K>,
  options: { quiet?: boolean } = {},
): Promise<Result<CommandResults[K]>> {
  if (!host) throw new Error('send() before connectEngine()');
  const result = await host.transport.command(name, payload);
  if (!result.ok && !options.quiet) notifyError(name, result.error);
  return result;
}

export function currentPlatform(): Platform {
  if (!host) throw new Error('currentPlatform() before connectEngine()');
  return host.platform;
}
