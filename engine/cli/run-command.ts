import { resolve } from 'node:path';
import { DEFAULT_RUN_SETTINGS, NO_FAULTS } from '../contract/index.js';
import { EngineError } from '../errors.js';
import { runReport } from '../journal/run-report.js';
import { Engine } from '../scheduler/engine.js';
import { parseAffinity } from '../workers/affinity.js';
import { numberOption, parseOptions } from './parse-options.js';
import { reportLines } from './print-proof.js';
import { ProgressDisplay } from './progress.js';
import { verifyAndPrint } from './verify-command.js';

const HELP = `usage: faultline run [PIPELINE] [options]

Runs PIPELINE (a JSON file; default: the built-in sample) with the faults you ask for.
Running again on the same journal resumes where it stopped. Every sink lands as OUT/<node>.png.

  --journal FILE        the SQLite journal (default faultline.db)
  --out DIR             output folder (default faultline-out)
  --seed N              seed for every fault decision (default 1)
  --error-chance P      chance an attempt throws (0..1)
  --panic-chance P      chance the worker thread dies mid-task
  --hang-chance P       chance the op never returns (caught by timeout / heartbeats)
  --missing-chance P    chance a parent's output vanishes before it is read
  --corrupt-chance P    chance an output is damaged after it is written
  --crash-chance P      chance the whole engine is killed after a journal commit
  --throttle MS         delay before each op, to watch a run unfold
  --workers N           worker threads (default 2)
  --affinity SPEC       ops per worker, e.g. "load,crop,resize,overlay|blur,brightness"
  --timeout MS          per-task timeout (default 10000)
  --max-attempts N      attempts before a task is dead (default 5)
  --backoff-ms MS       first retry delay, doubling each time (default 100)
  --max-pixels N        largest image a load accepts (default 50000000)
  --durability MODE     normal (survives kill -9; default) or full (survives power loss)
  --allow DIR           another folder load paths may point into (repeatable)
  --verify              then prove every output equals a fault-free run's (faultline verify)

Exit status: 0 when every sink completed (and, with --verify, is identical to a fault-free
run's); 1 when some are dead or blocked, or differ; 2 for bad input;
3 when the journal's storage failed (disk full, damaged, unwritable): nothing completed is lost.`;

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    journal: { type: 'string', default: 'faultline.db' },
    out: { type: 'string', default: 'faultline-out' },
    seed: { type: 'string' },
    'error-chance': { type: 'string' },
    'panic-chance': { type: 'string' },
    'hang-chance': { type: 'string' },
    'missing-chance': { type: 'string' },
    'corrupt-chance': { type: 'string' },
    'crash-chance': { type: 'string' },
    throttle: { type: 'string' },
    workers: { type: 'string' },
    affinity: { type: 'string' },
    timeout: { type: 'string' },
    'max-attempts': { type: 'string' },
    'backoff-ms': { type: 'string' },
    'max-pixels': { type: 'string' },
    durability: { type: 'string', default: 'normal' },
    allow: { type: 'string', multiple: true },
    verify: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new EngineError('usage', `run takes one pipeline file, got ${positionals.length}`);
  if (values.durability !== 'normal' && values.durability !== 'full') throw new EngineError('usage', '--durability must be normal or full');
  const chance = (flag: string) => numberOption(values[flag as keyof typeof values] as string | undefined, flag, 0, 1);
  const chances = Object.fromEntries(
    (['error', 'panic', 'hang', 'missing', 'corrupt', 'crash'] as const)
      .map((kind) => [kind, chance(`${kind}-chance`)] as const)
      .filter(([, v]) => v !== undefined),
  );
  const defined = <T extends object>(o: T) => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;

  const engine = await Engine.open({
    journalPath: resolve(values.journal),
    outDir: resolve(values.out),
    pipelinePath: positionals[0] ? resolve(positionals[0]) : undefined,
    durability: values.durability,
    maxPixels: numberOption(values['max-pixels'], 'max-pixels', 1, 1e10, true),
    allowedDirs: (values.allow ?? []).map((d) => resolve(d)),
    affinity: values.affinity ? parseAffinity(values.affinity) : undefined,
    resumeInterruptedRun: false,
    // A run is exactly its flags: what a flag leaves out is the default, not what the journal
    // last held (per-node overrides set in the UI stay: there is no flag for them).
    faults: {
      seed: numberOption(values.seed, 'seed', 0, 2 ** 31 - 1, true) ?? NO_FAULTS.seed,
      throttleMs: numberOption(values.throttle, 'throttle', 0, 60_000, true) ?? NO_FAULTS.throttleMs,
      chances: { ...NO_FAULTS.chances, ...chances },
    },
    settings: {
      ...DEFAULT_RUN_SETTINGS,
      ...defined({
        workers: numberOption(values.workers, 'workers', 1, 16, true),
        timeoutMs: numberOption(values.timeout, 'timeout', 50, 600_000, true),
        maxAttempts: numberOption(values['max-attempts'], 'max-attempts', 1, 50, true),
        backoffBaseMs: numberOption(values['backoff-ms'], 'backoff-ms', 0, 60_000, true),
      }),
    },
  });

  const progress = new ProgressDisplay(() => engine.graph.byId.size);
  engine.subscribe((event) => progress.onEvent(event));
  try {
    console.log(`faultline: running "${engine.pipelineName}" (${engine.graph.byId.size} tasks), journal ${values.journal}, outputs in ${values.out}`);
    await engine.startRun();
    for (const [nodeId, note] of Object.entries(engine.problems.byNode.notes)) console.error(`faultline: note: node ${nodeId}: ${note}`);
    const summary = await engine.waitForRunEnd();
    progress.stop();
    if (summary.halted) {
      console.error(`faultline run: ${summary.halted.kind}: ${summary.halted.message}`);
      return 3;
    }
    for (const sink of summary.sinks) console.log(`  ${sink.status === 'completed' ? '✓' : '✗'} ${sink.nodeId}: ${sink.path ?? sink.status}`);
    const identical = summary.run?.status === 'completed' && values.verify ? await verifyAndPrint(engine, false) : true;
    const report = summary.run ? runReport(engine.journal.db, summary.run.id) : null;
    if (report) for (const line of reportLines(report)) console.log(`  ${line}`);
    if (summary.run?.status === 'completed') {
      console.log(`faultline: run ${summary.run.id} completed`);
      return identical ? 0 : 1;
    }
    console.error(`faultline: run ${summary.run?.id} ${summary.run?.status}: ${summary.problems.length} task(s) did not complete`);
    for (const p of summary.problems) console.error(`  - ${p}`);
    return 1;
  } finally {
    await engine.close();
  }
}
