import { EngineError, STORAGE_ERRORS } from '../errors.js';

/** `faultline <command> ...`: each command lives in its own module and returns an exit code. */
const COMMANDS: Record<string, { summary: string; load: () => Promise<{ main(argv: string[]): Promise<number> }> }> = {
  run: { summary: 'run a pipeline (or the built-in sample) with injected faults; resumes a journal', load: () => import('./run-command.js') },
  serve: { summary: 'serve the UI in a browser on 127.0.0.1 with a WebSocket to the engine', load: () => import('./serve-command.js') },
  verify: { summary: "prove a finished run's outputs equal a fault-free run's, byte for byte", load: () => import('./verify-command.js') },
  replay: { summary: 'render a journal as an animated GIF', load: () => import('./replay-command.js') },
  inspect: { summary: 'list every task of a journal with status, attempts and last error', load: () => import('./inspect-command.js') },
};

function usage(): string {
  const lines = Object.entries(COMMANDS).map(([name, c]) => `  ${name.padEnd(8)} ${c.summary}`);
  return ['usage: faultline <command> [options]', '', ...lines, '', 'Run `faultline <command> --help` for its options.'].join('\n');
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name) {
    console.log(usage());
    return 2;
  }
  if (name === '--help' || name === '-h') {
    // Loaded only here: the schemas behind them are not needed to dispatch a command.
    const [{ flagHelp }, { SETTINGS_FLAGS }] = await Promise.all([import('./schema-flags.js'), import('./settings-flags.js')]);
    const heading = "Faults and run settings for `run` (the same fields and bounds as the UI's sliders):";
    console.log([usage(), '', heading, ...flagHelp(SETTINGS_FLAGS)].join('\n'));
    return 0;
  }
  const command = COMMANDS[name];
  if (!command) {
    console.error(`faultline: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  try {
    return await (await command.load()).main(rest);
  } catch (e) {
    if (e instanceof EngineError) {
      console.error(`faultline ${name}: ${e.kind}: ${e.describe()}`);
      return STORAGE_ERRORS.has(e.kind) ? 3 : 2;
    }
    throw e;
  }
}

process.exitCode = await main(process.argv.slice(2));
