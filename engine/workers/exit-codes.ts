/** Worker thread exit codes turned into words a person can read in the workers panel. */
export const PANIC_EXIT_CODE = 70;

export function describeExit(code: number, terminatedBy: 'timeout' | 'heartbeat' | 'shutdown' | null): string {
  if (terminatedBy === 'timeout') return 'terminated: task ran past its timeout';
  if (terminatedBy === 'heartbeat') return 'terminated: heartbeats stopped';
  if (terminatedBy === 'shutdown') return 'stopped';
  if (code === PANIC_EXIT_CODE) return `crashed (exit ${code}: injected panic)`;
  if (code === 1) return 'crashed (exit 1: uncaught exception)';
  return `exited with code ${code}`;
}
