import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EngineError } from '../errors.js';
import { isWellFormedToken, newToken } from '../host/request-guard.js';
import { startWsServer } from '../host/ws-server.js';
import { Engine } from '../scheduler/engine.js';
import { numberOption, parseOptions } from './parse-options.js';

const HELP = `usage: faultline serve [PIPELINE] [options]

Serves the Faultline UI on 127.0.0.1 and prints its address (with a one-time token).
Without PIPELINE the journal's own pipeline is used, or the built-in sample for a new journal.

options:
  --journal FILE   the SQLite journal (default .faultline/journal.db); resumed if it exists
  --out DIR        where outputs go (default .faultline/out)
  --port N         the port to listen on (default: a free one)
  --token T        reuse a token (16+ of A-Z a-z 0-9 _ -), so a restarted server keeps its URL
`;

/** dist/engine/cli/serve-command.js → the package root, where dist/renderer lives. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(argv, {
    journal: { type: 'string', default: '.faultline/journal.db' },
    out: { type: 'string', default: '.faultline/out' },
    port: { type: 'string' },
    token: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new EngineError('usage', `serve takes at most one pipeline file, got ${positionals.length}`);
  const port = numberOption(values.port, 'port', 0, 65_535, true) ?? 0;
  const token = values.token ?? newToken();
  if (!isWellFormedToken(token)) throw new EngineError('usage', '--token must be 16 to 128 of A-Z a-z 0-9 _ -');
  const staticDir = resolve(PACKAGE_ROOT, 'dist', 'renderer');
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    throw new EngineError('usage', `the UI is not built (${staticDir} has no index.html): run \`npm run build\` first`);
  }

  const engine = await Engine.open({
    journalPath: resolve(values.journal),
    outDir: resolve(values.out),
    ...(positionals[0] ? { pipelinePath: resolve(positionals[0]) } : {}),
  });
  const server = await startWsServer({ engine, staticDir, port, token }).catch(async (e: unknown) => {
    await engine.close();
    throw new EngineError('usage', `cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`);
  });
  console.log(`Faultline is serving ${server.url}`);
  console.log('Open that address in a browser. Press Ctrl+C to stop.');

  await new Promise<void>((done) => {
    const stop = () => done();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  await server.close();
  await engine.close();
  return 0;
}
