import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** The line a child prints before its JSON result, so stray logging cannot be mistaken for it. */
const RESULT_MARKER = '@@bench-result ';

/**
 * Runs one benchmark in a fresh Node process: its memory, heap and libuv pool are its own, so
 * peak RSS is the benchmark's and one benchmark's garbage cannot slow the next.
 */
export function runChild<T>(script: string, args: unknown, extraEnv: NodeJS.ProcessEnv = {}): Promise<T> {
  const path = fileURLToPath(new URL(`../${script}.js`, import.meta.url));
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--max-old-space-size=4096', path, '--child', JSON.stringify(args)], {
      stdio: ['ignore', 'pipe', 'inherit'],
      env: { ...process.env, ...extraEnv },
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => (out += chunk));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      const line = out.split('\n').find((l) => l.startsWith(RESULT_MARKER));
      if (code !== 0 || !line) {
        reject(new Error(`${script} exited with ${signal ?? code}; output:\n${out.slice(-2000)}`));
        return;
      }
      resolve(JSON.parse(line.slice(RESULT_MARKER.length)) as T);
    });
  });
}

/** When this module's file is the process entry point and was started by runChild, runs fn. */
export function childEntry<A, R>(moduleUrl: string, fn: (args: A) => Promise<R>): void {
  if (process.argv[1] !== fileURLToPath(moduleUrl) || process.argv[2] !== '--child') return;
  const args = JSON.parse(process.argv[3] ?? '{}') as A;
  fn(args).then(
    (result) => {
      process.stdout.write(`${RESULT_MARKER}${JSON.stringify(result)}\n`);
      process.exit(0);
    },
    (e: unknown) => {
      console.error(e);
      process.exit(1);
    },
  );
}
