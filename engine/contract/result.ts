/** Errors cross every boundary (IPC, WebSocket, CLI) as plain data, never as thrown objects. */
export type CommandErrorKind =
  | 'invalid_payload'
  | 'unknown_command'
  | 'not_found'
  | 'graph_invalid'
  | 'bad_params'
  | 'bad_photo'
  | 'busy'
  | 'cancelled'
  | 'storage'
  | 'unauthorized'
  | 'internal';

export interface CommandError {
  kind: CommandErrorKind;
  message: string;
}

export type Result<T> = { ok: true; value: T } | { ok: false; error: CommandError };

export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
export const fail = (kind: CommandErrorKind, message: string): Result<never> => ({
  ok: false,
  error: { kind, message },
});
