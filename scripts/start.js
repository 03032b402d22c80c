#!/usr/bin/env node
// `npm start`: the desktop window on the sample pipeline where Electron's binary exists;
// otherwise the same UI in browser mode (`faultline serve`), saying so and printing the URL.
import { execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';
import { electronBinary, REPO_ROOT } from './electron-binary.js';

const binary = electronBinaryOrDownload();
const extraArgs = process.argv.slice(2);

/** Electron 45 fetches its binary on first use; try that once before falling back to the browser. */
function electronBinaryOrDownload() {
  const found = electronBinary();
  if ('path' in found) return found;
  console.log('Faultline: fetching the Electron binary (first start only)...');
  try {
    execFileSync(process.execPath, [join(REPO_ROOT, 'node_modules', 'electron', 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  } catch {
    // no network, or no electron package: reported below by electronBinary()
  }
  return electronBinary();
}

// Electron needs its own build of the SQLite addon (scripts/rebuild-electron-sqlite.js).
if ('path' in binary) execFileSync(process.execPath, [join(REPO_ROOT, 'scripts', 'rebuild-electron-sqlite.js')], { stdio: 'inherit' });

const child =
  'path' in binary
    ? spawn(binary.path, [REPO_ROOT, ...extraArgs], { stdio: 'inherit', cwd: REPO_ROOT })
    : (() => {
        console.log('Faultline: the Electron window cannot open here:');
        console.log(`  ${binary.missing}`);
        console.log('Starting browser mode instead (the same UI, served on 127.0.0.1). Open the URL below.\n');
        return spawn(process.execPath, [join(REPO_ROOT, 'bin', 'faultline.js'), 'serve', ...extraArgs], { stdio: 'inherit', cwd: REPO_ROOT });
      })();

for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
