#!/usr/bin/env node
// `npm run dist`: desktop installers with electron-builder (AppImage and deb here; dmg, nsis on
// their own systems). electron-builder packs Electron's release zip, fetched from GitHub on
// first use; where that is impossible (no network) this says so and exits 1 instead of
// failing deep inside a download.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './electron-binary.js';

const version = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;
const cache = process.env.ELECTRON_CACHE ?? join(homedir(), '.cache', 'electron');
const cached = existsSync(cache) && readdirSync(cache, { recursive: true }).some((f) => String(f).includes(`electron-v${version}-`));

if (!cached && !(await reachable('https://github.com/electron/electron/releases'))) {
  console.error(`npm run dist: electron-builder needs Electron ${version}'s release zip, which is not in ${cache}`);
  console.error('and github.com cannot be reached from this machine: nothing was packaged.');
  console.error('Run it where the network reaches GitHub (once; the zip is cached), or put the zip in that folder.');
  process.exit(1);
}

const build = spawnSync('npm', ['run', 'build'], { cwd: REPO_ROOT, stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);
const builder = spawnSync(join(REPO_ROOT, 'node_modules', '.bin', 'electron-builder'), process.argv.slice(2), { cwd: REPO_ROOT, stdio: 'inherit' });
process.exit(builder.status ?? 1);

async function reachable(url) {
  try {
    await fetch(url, { method: 'HEAD', signal: AbortSignal.timeout(5_000) });
    return true;
  } catch {
    return false;
  }
}
