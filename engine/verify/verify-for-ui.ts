import { fail, ok, type Result, type VerificationView } from '../contract/index.js';
import { COMMAND_ERROR_OF, EngineError } from '../errors.js';
import type { EngineHost } from '../scheduler/engine-host.js';
import { verifyRun, VerifyCancelled } from './verify-run.js';

/** The verification each engine is running, so the UI can cancel it; one at a time. */
const running = new WeakMap<EngineHost, AbortController>();

/** `run.verify` from a UI: progress and the verdict go to every UI as `verify` events. */
export async function verifyForUi(engine: EngineHost): Promise<Result<VerificationView>> {
  if (running.has(engine)) return fail('busy', 'a verification is already running');
  if (engine.isRunActive()) return fail('busy', 'the run is still going: verify it once it has finished');
  const runId = engine.run?.id ?? 0;
  const stop = new AbortController();
  running.set(engine, stop);
  const untie = engine.whenClosing(() => stop.abort());
  let total = 0;
  try {
    const verification = await verifyRun(engine, {
      signal: stop.signal,
      onProgress: (done, all) => {
        total = all;
        engine.emit({ kind: 'verify', progress: { runId, done, total: all, state: 'running' } });
      },
    });
    engine.emit({ kind: 'verify', progress: { runId, done: total, total, state: 'finished' }, verification });
    return ok(verification);
  } catch (e) {
    const cancelled = e instanceof VerifyCancelled;
    const message = e instanceof Error ? e.message : String(e);
    engine.emit({ kind: 'verify', progress: { runId, done: 0, total, state: cancelled ? 'cancelled' : 'failed', error: message } });
    if (cancelled) return fail('cancelled', message);
    if (e instanceof EngineError) return fail(COMMAND_ERROR_OF[e.kind], e.describe());
    throw e;
  } finally {
    untie();
    running.delete(engine);
  }
}

export function cancelVerification(engine: EngineHost): Result<null> {
  const stop = running.get(engine);
  if (!stop) return fail('not_found', 'no verification is running');
  stop.abort();
  return ok(null);
}
