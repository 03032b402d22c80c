import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { REPO_ROOT } from '../scripts/electron-binary.js';
const URL_PATTERN = /http:\/\/127\.0\.0\.1:(\d+)\/\?token=([A-Za-z0-9_-]+)/;
const START_TIMEOUT_MS = 30_000;

export interface ServeAddress {
  url: string;
  port: number;
  token: string;
}

/** One `node bin/faultline.js serve` process on a temp journal and output folder. */
export class ServeProcess {
  private child: ChildProcess | null = null;
  private output = '';

  private constructor(
    readonly dir: string,
    private readonly pipeline: string | null,
  ) {}

  /**
   * Starts serve (on the built-in sample unless a pipeline file is given); pass an address to
   * come back on the same port and token (same URL).
   */
  static async start(dir: string, address?: ServeAddress, pipeline: string | null = null): Promise<{ serve: ServeProcess; address: ServeAddress }> {
    const serve = new ServeProcess(dir, pipeline);
    return { serve, address: await serve.launch(address) };
  }

  async restart(address: ServeAddress): Promise<void> {
    await this.launch(address);
  }

  private async launch(address?: ServeAddress): Promise<ServeAddress> {
    const args = [
      'bin/faultline.js',
      'serve',
      ...(this.pipeline ? [this.pipeline] : []),
      '--journal',
      join(this.dir, 'journal.db'),
      '--out',
      join(this.dir, 'out'),
    ];
    // `--token=T`: a token may start with '-', which `--token T` would read as a flag.
    if (address) args.push('--port', String(address.port), `--token=${address.token}`);
    const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    this.output = '';
    child.stdout!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (this.output += chunk.toString()));
    const deadline = Date.now() + START_TIMEOUT_MS;
    while (Date.now() < deadline) {
      const match = URL_PATTERN.exec(this.output);
      if (match) return { url: match[0], port: Number(match[1]), token: match[2]! };
      if (child.exitCode !== null) break;
      await new Promise((r) => setTimeout(r, 50));
    }
    child.kill('SIGKILL');
    throw new Error(`faultline serve did not print its URL:\n${this.output}`);
  }

  /** What serve printed so far (for failure messages). */
  get log(): string {
    return this.output;
  }

  /** kill -9: the engine gets no chance to tidy up; the journal must carry the run. */
  async crash(): Promise<void> {
    await this.stop('SIGKILL');
  }

  async stop(signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
    const child = this.child;
    this.child = null;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = once(child, 'exit');
    child.kill(signal);
    await exited;
  }
}
