import { fail, ok, type Result, type VerificationView } from '../contract/index.js';
import { EngineError, STORAGE_ERRORS } from '../errors.js';
import type { Engine } from '../scheduler/engine.js';
import { verifyRun, VerifyCancelled } from './verify-run.js';

/** The verification each engine is running, so the UI can cancel it; one at a time. */
const running = new WeakMap<Engine, AbortController>();

/** `run.verify` from a UI: progress and the verdict go to every UI as `verify` events. */
export async function verifyForUi(engine: Engine): Promise<Result<VerificationView>> {
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
    if (e instanceof EngineError) return fail(STORAGE_ERRORS.has(e.kind) ? 'storage' : e.kind === 'run_unfinished' ? 'busy' : 'graph_invalid', e.describe());
    throw e;
  } finally {
    untie();
    running.delete(engine);
  }
}

export function cancelVerification(engine: Engine): Result<null> {
  const stop = running.get(engine);
  if (!stop) return fail('not_found', 'no verification is running');
  stop.abort();
  return ok(null);
}
