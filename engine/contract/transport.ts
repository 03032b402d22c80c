import { z } from 'zod';
import type { CommandName, CommandResults } from './commands.js';
import type { EngineEvent, EventBatch } from './events.js';
import { fail, type CommandErrorKind, type Result } from './result.js';

/**
 * What a host sends back over a message transport (the WebSocket): the reply to one request,
 * matched by the request envelope's id, or a batch of engine events.
 */
export interface ReplyEnvelope {
  kind: 'reply';
  id: number;
  result: Result<unknown>;
}

export type HostMessage = ReplyEnvelope | EventBatch;

// Spelled out as objects so the compiler checks them against the unions both ways: a kind added
// to CommandErrorKind or EngineEvent fails to compile here until it is listed.
const ERROR_KINDS = {
  invalid_payload: 'invalid_payload',
  unknown_command: 'unknown_command',
  not_found: 'not_found',
  graph_invalid: 'graph_invalid',
  bad_params: 'bad_params',
  bad_photo: 'bad_photo',
  busy: 'busy',
  cancelled: 'cancelled',
  storage: 'storage',
  unauthorized: 'unauthorized',
  internal: 'internal',
} as const satisfies { [K in CommandErrorKind]: K };

const EVENT_KINDS = {
  tasks: 'tasks',
  items: 'items',
  workers: 'workers',
  run: 'run',
  graph: 'graph',
  faults: 'faults',
  problems: 'problems',
  counters: 'counters',
  verify: 'verify',
  halted: 'halted',
  export: 'export',
} as const satisfies { [K in EngineEvent['kind']]: K };

const ResultSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), value: z.unknown() }),
  z.object({ ok: z.literal(false), error: z.object({ kind: z.enum(ERROR_KINDS), message: z.string() }) }),
]);

const EventHeadSchema = z.looseObject({ kind: z.enum(EVENT_KINDS) });

/**
 * An event's kind is checked; its body is taken as the engine's own EngineEvent. A full schema
 * per view would cost every batch a deep walk for no safety: the host is the engine's own code,
 * and the transports that carry these (WebSocket to 127.0.0.1, Electron IPC) check who speaks.
 */
const EngineEventSchema = z.custom<EngineEvent>((value) => EventHeadSchema.safeParse(value).success, 'not an engine event');

const HostMessageSchema: z.ZodType<HostMessage> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('reply'), id: z.number().int(), result: ResultSchema }),
  z.object({ kind: z.literal('batch'), events: z.array(EngineEventSchema) }),
]);

/**
 * The one place a host's WebSocket text becomes a HostMessage: the envelope (reply id, result
 * shape, event kinds) is checked, and anything else is refused as data, never thrown.
 */
export function parseHostMessage(text: string): Result<HostMessage> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return fail('invalid_payload', 'a host message that is not JSON');
  }
  const parsed = HostMessageSchema.safeParse(json);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return fail('invalid_payload', `not a host message: ${issue?.path.join('.') ?? ''} ${issue?.message ?? ''}`.trim());
}

/**
 * A command's answer, as it comes off a wire (WebSocket, IPC) or out of dispatchCommand, typed as
 * that command's result. Its shape ({ok, value} or {ok: false, error}) is checked here; that the
 * value is CommandResults[K] is the one claim taken on trust: a host answers a request for `name`
 * only with dispatchCommand(engine, name, ...), which returns what engine.execute<K> returned.
 * Results have no schemas of their own, so this is the single place the claim is made.
 */
export function resultOf<K extends CommandName>(name: K, answer: unknown): Result<CommandResults[K]> {
  const parsed = ResultSchema.safeParse(answer);
  if (!parsed.success) return fail('internal', `${name}: the engine's answer is not a result`);
  return parsed.data as Result<CommandResults[K]>;
}
