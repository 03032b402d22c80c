import { copyFileSync, mkdirSync, readdirSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DEFAULT_RUN_SETTINGS, isProven, NO_FAULTS, type PipelineFile, type SinkVerdict, type VerificationView } from '../contract/index.js';
import { EngineError } from '../errors.js';
import { resolveSource } from '../graph/resolve-source.js';
import { recordVerification } from '../journal/run-report.js';
import type { EngineHost } from '../scheduler/engine-host.js';
import { exportNameOf } from '../batch/item-names.js';
import { insideFolder } from '../workers/inside-folder.js';
import { differentCopyPath } from './diff-images.js';

export interface VerifyOptions {
  /** Tasks of the recomputation done, of all. */
  onProgress?: (done: number, total: number) => void;
  /** Aborting stops the recomputation; the next verification of this run resumes it. */
  signal?: AbortSignal;
}

/**
 * The proof that faults changed nothing: every sink of the finished run is computed again by an
 * engine of its own (its own journal, objects folder and one worker thread, so it takes at most
 * one of the image lanes a live run would use), with
 * no faults and nothing reused from the run, then compared by sha256 with what the run
 * journaled. The exported files are checked against the journal too. The verdict is journaled.
 *
 * The recomputation lives in OUT/.verify/run-N until it finishes, so a cancelled or killed
 * verification resumes where it stopped, like any run.
 */
export async function verifyRun(engine: EngineHost, o: VerifyOptions = {}): Promise<VerificationView> {
  const run = engine.run;
  if (!run || run.status !== 'completed') {
    throw new EngineError(
      'run_unfinished',
      run ? `run ${run.id} is ${run.status}: only a completed run can be verified` : 'nothing has run yet: run the pipeline first',
    );
  }
  // What the run wrote, taken now: an edit or a new run during the recomputation must not change it.
  const expected = [...engine.graph.byId.values()]
    .filter((n) => engine.graph.isSink(n) && !n.template)
    .map((n) => ({ nodeId: n.nodeId, checksum: n.state.checksum, exportName: exportNameOf(n) }))
    .sort((a, b) => (a.nodeId < b.nodeId ? -1 : 1)); // as SQLite orders them
  const scratch = insideFolder(engine.options.outDir, join('.verify', `run-${run.id}`));
  removeOtherScratch(dirname(scratch), scratch);
  mkdirSync(scratch, { recursive: true });
  const pipelinePath = join(scratch, 'pipeline.json');
  writeFileSync(pipelinePath, JSON.stringify(scratchPipeline(engine)));

  const fresh = await engine.openAnother({
    journalPath: join(scratch, 'journal.db'),
    outDir: join(scratch, 'out'),
    pipelinePath,
    faults: NO_FAULTS,
    settings: { ...DEFAULT_RUN_SETTINGS, workers: 1 },
    maxPixels: engine.options.maxPixels,
    allowedDirs: [engine.baseDir, ...engine.options.allowedDirs],
    resumeInterruptedRun: false,
  });
  // Lower priority than a live run: one starting makes the verification yield (cancel; the
  // next verification of this run resumes it).
  const yielded = new AbortController();
  const unsubscribe = engine.subscribe((e) => e.kind === 'run' && e.run?.id !== run.id && yielded.abort());
  let summary;
  try {
    const total = fresh.graph.byId.size;
    const tell = () => o.onProgress?.(fresh.graph.countByStatus().completed, total);
    fresh.subscribe((e) => e.kind === 'tasks' && tell());
    const aborted = new Promise<null>((resolve) => {
      o.signal?.addEventListener('abort', () => resolve(null), { once: true });
      yielded.signal.addEventListener('abort', () => resolve(null), { once: true });
    });
    if (o.signal?.aborted) throw new VerifyCancelled();
    await fresh.startRun();
    summary = await Promise.race([fresh.waitForRunEnd(), aborted]);
    if (!summary) throw yielded.signal.aborted ? new VerifyCancelled('a new run started: the verification gave way to it') : new VerifyCancelled();
    tell();
  } finally {
    unsubscribe();
    await fresh.close();
  }
  if (summary.halted) throw summary.halted;
  if (summary.run?.status !== 'completed') {
    throw new EngineError('run_unfinished', `the fault-free recomputation did not complete: ${summary.problems.join('; ')}`);
  }

  if (engine.run?.id !== run.id || engine.run.status !== 'completed') {
    throw new EngineError('run_unfinished', `run ${run.id} was followed by another while it was verified: verify the new one when it finishes`);
  }
  const exportNames = new Map(expected.map((e) => [e.nodeId, e.exportName]));
  const verdicts: SinkVerdict[] = expected.map(({ nodeId, checksum, exportName }) => {
    const actual = fresh.graph.byNodeId.get(nodeId)?.state.checksum ?? null;
    return {
      nodeId,
      expected: checksum,
      actual,
      identical: checksum !== null && checksum === actual,
      exported: engine.exporter.stateOf(exportName, checksum),
    };
  });
  const view: VerificationView = {
    runId: run.id,
    at: Date.now(),
    identical: verdicts.filter(isProven).length,
    total: verdicts.length,
    sinks: verdicts,
  };
  engine.journal.transaction(() => recordVerification(engine.journal.db, view));
  // A different output is an engine bug: keep the fault-free bytes so the window can show where.
  for (const v of verdicts.filter((s) => !s.identical && s.actual !== null)) {
    const keep = differentCopyPath(engine.options.outDir, run.id, v.nodeId);
    mkdirSync(dirname(keep), { recursive: true });
    copyFileSync(join(scratch, 'out', `${exportNames.get(v.nodeId)}.png`), keep);
  }
  rmSync(scratch, { recursive: true, force: true });
  try {
    rmdirSync(dirname(scratch));
  } catch {
    // another run's verification is still in there
  }
  return view;
}

export class VerifyCancelled extends Error {
  constructor(why = 'verification cancelled') {
    super(`${why}: the next verification of this run resumes where it stopped`);
  }
}

/** Only the run being verified keeps a half-done recomputation: older runs' are dropped. */
function removeOtherScratch(folder: string, keep: string): void {
  let names: string[];
  try {
    names = readdirSync(folder);
  } catch {
    return;
  }
  for (const name of names) {
    const path = join(folder, name);
    if (name.startsWith('run-') && path !== keep) rmSync(path, { recursive: true, force: true });
  }
}

/** The pipeline as the run computed it, its photos and folders named by absolute path (the scratch folder is elsewhere). */
function scratchPipeline(engine: EngineHost): PipelineFile {
  const file = engine.editor.pipelineFile();
  return {
    ...file,
    nodes: file.nodes.map((n) => {
      if ((n.op !== 'load' && n.op !== 'folder') || typeof n.params.path !== 'string') return n;
      const source = resolveSource(n.params.path, engine.baseDir, engine.options.allowedDirs);
      return source.ok ? { ...n, params: { ...n.params, path: source.path } } : n;
    }),
  };
}
