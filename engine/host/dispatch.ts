import { COMMAND_SCHEMAS, fail, isCommandName, type Result } from '../contract/index.js';
import type { EngineApi } from './engine-api.js';

/**
 * The one gate every command from a UI passes: unknown names and malformed payloads are
 * refused as data, and nothing a UI sends can throw inside a host.
 */
export async function dispatchCommand(engine: EngineApi, name: unknown, payload: unknown): Promise<Result<unknown>> {
  if (!isCommandName(name)) return fail('unknown_command', `unknown command ${JSON.stringify(String(name)).slice(0, 80)}`);
  const parsed = COMMAND_SCHEMAS[name].safeParse(payload ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return fail('invalid_payload', `${name}: invalid payload${where}: ${issue?.message ?? 'rejected'}`);
  }
  try {
    return await engine.execute(name, parsed.data as never);
  } catch (e) {
    return fail('internal', `${name} failed: ${e instanceof Error ? e.message : String(e)}`);
  }
}
