import { resolve } from 'node:path';
import { EngineError } from '../errors.js';
import { runReport } from '../journal/run-report.js';
import { Engine } from '../scheduler/engine.js';
import { parseAffinity } from '../workers/affinity.js';
import { LIMIT_FLAGS, limitsFromFlags } from './limit-flags.js';
import { parseOptions } from './parse-options.js';
import { reportLines } from './print-proof.js';
import { batchLines, problemLines, sinkLines } from './print-batch.js';
import { RunProgress } from './run-progress.js';
import { flagHelp } from './schema-flags.js';
import { SETTINGS_FLAGS, settingsFromFlags } from './settings-flags.js';
import { verifyAndPrint } from './verify-command.js';

const HELP = `usage: faultline run [PIPELINE] [options]

Runs PIPELINE (a JSON file; default: the built-in sample) with the faults you ask for.
Running again on the same journal resumes where it stopped. Every sink lands as OUT/<node>.png.
A setting not given is its default (not what the journal last held).

  --journal FILE        the SQLite journal (default faultline.db)
  --out DIR             output folder (default faultline-out)
  --affinity SPEC       ops per worker, e.g. "load,crop,resize,overlay|blur,brightness"
  --durability MODE     normal (survives kill -9; default) or full (survives power loss)
  --allow DIR           another folder load paths may point into (repeatable)
  --verify              then prove every output equals a fault-free run's (faultline verify)
${flagHelp(LIMIT_FLAGS).join('\n')}

Faults and run settings (the same fields and bounds as the UI's sliders):
${flagHelp(SETTINGS_FLAGS).join('\n')}

Progress goes to stderr: one redrawn line on a terminal, plain lines when piped or CI=true.

Exit status: 0 when every sink completed (and, with --verify, is identical to a fault-free
run's); 1 when some are dead or blocked, or differ; 2 for bad input;
3 when the journal's storage failed (disk full, damaged, unwritable): nothing completed is lost.`;

const OPTIONS = {
  journal: { type: 'string', default: 'faultline.db' },
  out: { type: 'string', default: 'faultline-out' },
  affinity: { type: 'string' },
  durability: { type: 'string', default: 'normal' },
  allow: { type: 'string', multiple: true },
  verify: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, OPTIONS, [...SETTINGS_FLAGS, ...LIMIT_FLAGS]);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new EngineError('usage', `run takes one pipeline file, got ${positionals.length}`);
  if (values.durability !== 'normal' && values.durability !== 'full') throw new EngineError('usage', '--durability must be normal or full');

  const engine = await Engine.open({
    journalPath: resolve(values.journal),
    outDir: resolve(values.out),
    pipelinePath: positionals[0] ? resolve(positionals[0]) : undefined,
    durability: values.durability,
    ...limitsFromFlags(values),
    allowedDirs: (values.allow ?? []).map((d) => resolve(d)),
    affinity: values.affinity ? parseAffinity(values.affinity) : undefined,
    resumeInterruptedRun: false,
    ...settingsFromFlags(values),
  });

  const progress = new RunProgress(() => engine.graph.taskTotal());
  engine.subscribe(progress.onEvent);
  try {
    await engine.startRun();
    console.log(
      `faultline: running "${engine.pipelineName}" (${engine.graph.taskTotal()} tasks), journal ${values.journal}, outputs in ${values.out}`,
    );
    for (const line of batchLines(engine.batch)) console.log(`  ${line}`);
    for (const [nodeId, note] of Object.entries(engine.problems.byNode.notes)) console.error(`faultline: note: node ${nodeId}: ${note}`);
    const summary = await engine.waitForRunEnd();
    progress.stop();
    if (summary.halted) {
      console.error(`faultline run: ${summary.halted.kind}: ${summary.halted.message}`);
      return 3;
    }
    for (const line of sinkLines(summary.sinks, values.out)) console.log(`  ${line}`);
    const identical = summary.run?.status === 'completed' && values.verify ? await verifyAndPrint(engine, false) : true;
    const report = summary.run ? runReport(engine.journal.db, summary.run.id) : null;
    if (report) for (const line of reportLines(report)) console.log(`  ${line}`);
    if (summary.run?.status === 'completed') {
      console.log(`faultline: run ${summary.run.id} completed`);
      return identical ? 0 : 1;
    }
    console.error(`faultline: run ${summary.run?.id} ${summary.run?.status}: ${summary.problems.length} task(s) did not complete`);
    for (const p of problemLines(summary.problems)) console.error(`  - ${p}`);
    return 1;
  } finally {
    await engine.close();
  }
}
