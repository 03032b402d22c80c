import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { EngineError } from '../errors.js';
import { isWellFormedToken, newToken } from '../host/request-guard.js';
import { rememberAddress, rememberedAddress } from '../host/serve-address.js';
import { startWsServer } from '../host/ws-server.js';
import { Engine } from '../scheduler/engine.js';
import { parseOptions } from './parse-options.js';
import { flagHelp, parseFlags, schemaFlags } from './schema-flags.js';

/** 0 asks the OS for a free port. */
const PortSchema = z.strictObject({ port: z.number().int().min(0).max(65_535) }).partial();
const PORT_FLAGS = schemaFlags(PortSchema, { port: "the port to listen on; by default this journal's last, else a free one" });

const HELP = `usage: faultline serve [PIPELINE] [options]

Serves the Faultline UI on 127.0.0.1 and prints its address (with a one-time token).
Without PIPELINE the journal's own pipeline is used, or the built-in sample for a new journal.

options:
  --journal FILE        the SQLite journal (default .faultline/journal.db); resumed if it exists
  --out DIR             where outputs go (default .faultline/out)
${flagHelp(PORT_FLAGS).join('\n')}
  --token T             the token (16+ of A-Z a-z 0-9 _ -; default: this journal's last one, else new)
  --allow DIR           another folder load paths may point into (repeatable), as for run

The port and token are remembered beside the journal (JOURNAL.serve.json, owner-only), so a
restarted serve on the same journal keeps its URL and an open page reconnects by itself.
`;

/** dist/engine/cli/serve-command.js → the package root, where dist/renderer lives. */
const PACKAGE_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseOptions(
    argv,
    {
      journal: { type: 'string', default: '.faultline/journal.db' },
      out: { type: 'string', default: '.faultline/out' },
      token: { type: 'string' },
      allow: { type: 'string', multiple: true },
      help: { type: 'boolean', short: 'h' },
    },
    PORT_FLAGS,
  );
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  if (positionals.length > 1) throw new EngineError('usage', `serve takes at most one pipeline file, got ${positionals.length}`);
  const journalPath = resolve(values.journal);
  const remembered = rememberedAddress(journalPath);
  const askedPort = parseFlags(PortSchema, PORT_FLAGS, values, {}).port;
  const token = values.token ?? remembered?.token ?? newToken();
  if (!isWellFormedToken(token)) throw new EngineError('usage', '--token must be 16 to 128 of A-Z a-z 0-9 _ -');
  const staticDir = resolve(PACKAGE_ROOT, 'dist', 'renderer');
  if (!existsSync(resolve(staticDir, 'index.html'))) {
    throw new EngineError('usage', `the UI is not built (${staticDir} has no index.html): run \`npm run build\` first`);
  }

  const outDir = resolve(values.out);
  const engine = await Engine.open({
    journalPath,
    outDir,
    ...(positionals[0] ? { pipelinePath: resolve(positionals[0]) } : {}),
    allowedDirs: (values.allow ?? []).map((d) => resolve(d)),
  });
  const listen = (port: number) => startWsServer({ engine, staticDir, port, token });
  const fail = async (port: number, e: unknown): Promise<never> => {
    await engine.close();
    throw new EngineError('usage', `cannot listen on 127.0.0.1:${port}: ${(e as Error).message}`);
  };
  let note = '';
  let server;
  if (askedPort !== undefined) server = await listen(askedPort).catch((e: unknown) => fail(askedPort, e));
  else if (remembered) {
    // The last port may have been taken meanwhile: then a free one, and say the old URL is gone.
    server = await listen(remembered.port).catch(() => null);
    if (server) note = values.token === undefined ? ' (the same address as last time: open pages reconnect by themselves)' : '';
    else {
      server = await listen(0).catch((e: unknown) => fail(0, e));
      note = ` (port ${remembered.port}, used last time, is taken: pages open on the old address must be reopened here)`;
    }
  } else server = await listen(0).catch((e: unknown) => fail(0, e));
  rememberAddress(journalPath, { port: server.port, token });
  console.log(`Faultline is serving ${server.url}${note}`);
  console.log(`  journal: ${journalPath}`);
  console.log(`  outputs: ${outDir}`);
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
