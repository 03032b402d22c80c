import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { allProven } from '../contract/index.js';
import { EngineError } from '../errors.js';
import { openJournalToRead } from '../journal/journal-to-read.js';
import { runReport } from '../journal/run-report.js';
import { Engine } from '../scheduler/engine.js';
import { verifyRun } from '../verify/verify-run.js';
import { LIMIT_FLAGS, limitsFromFlags } from './limit-flags.js';
import { parseOptions } from './parse-options.js';
import { printVerification, reportLines } from './print-proof.js';
import { Progress } from './progress.js';

const HELP = `usage: faultline verify JOURNAL [--json] [--allow DIR] [--max-pixels N]

Proves that a finished run's outputs equal a fault-free run's: every sink is computed again by
an engine of its own (no faults, nothing reused, one worker thread) and compared by
sha256 with what the run journaled. The exported files OUT/<node>.png are checked too. The
verdict is journaled. Interrupted, it resumes where it stopped when run again.

Progress goes to stderr: one redrawn line on a terminal, plain lines when piped or CI=true.

Exit codes: 0 every sink identical; 1 some sink differs or its export is damaged or missing
(named); 2 bad input (no such journal, no finished run, its outputs folder gone); 3 the
journal's storage failed. Give the run's --allow and --max-pixels again if it had them.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    { json: { type: 'boolean' }, allow: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } },
    LIMIT_FLAGS,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const [file, ...extra] = positionals;
  if (!file || extra.length > 0) throw new EngineError('usage', 'verify needs exactly one journal file');
  const limits = limitsFromFlags(values);
  const journalPath = resolve(file);
  const outDir = outDirOf(journalPath);
  const engine = await Engine.open({
    journalPath,
    outDir,
    allowedDirs: (values.allow ?? []).map((d) => resolve(d)),
    ...limits,
    resumeInterruptedRun: false,
  });
  try {
    const ok = await verifyAndPrint(engine, values.json ?? false);
    const report = engine.run && !values.json ? runReport(engine.journal.db, engine.run.id) : null;
    if (report) for (const line of reportLines(report)) console.log(`  ${line}`);
    return ok ? 0 : 1;
  } finally {
    await engine.close();
  }
}

/** Verifies the engine's finished run and prints the verdict (text, or JSON with the run report); shared with `run --verify`. */
export async function verifyAndPrint(engine: Engine, json: boolean): Promise<boolean> {
  const progress = new Progress();
  const view = await verifyRun(engine, {
    onProgress: (done, total) => progress.update(done, total, `verifying: ${done}/${total} tasks recomputed with no faults`),
  }).finally(() => progress.finish());
  const report = runReport(engine.journal.db, view.runId);
  if (json) {
    console.log(JSON.stringify({ verification: view, report }, null, 2));
    return allProven(view);
  }
  return printVerification(view);
}

/** The outputs folder the journal's latest run wrote to, where its exports are checked. */
function outDirOf(journalPath: string): string {
  // Read first, so a wrong path is refused without a journal being created there.
  const reading = openJournalToRead(journalPath);
  try {
    const pipeline = reading.journal.latestPipeline();
    const outDir = pipeline ? reading.journal.latestRun(pipeline.id)?.outDir : undefined;
    if (!outDir) throw new EngineError('run_unfinished', `${journalPath} holds no run to verify: run the pipeline first`);
    // Its exports are what is checked: a folder that is gone (another machine) is not made anew.
    if (!existsSync(outDir))
      throw new EngineError('usage', `the run's outputs folder ${outDir} is not there: verify where the run wrote its outputs`);
    return outDir;
  } finally {
    reading.close();
  }
}
