#!/usr/bin/env node
// Electron embeds its own Node with another native ABI, so better-sqlite3's addon built for
// Node (which the tests use) cannot load inside Electron. This builds a second copy for
// Electron into build-electron/, which engine/journal/open-journal.ts loads only in Electron.
// Needs Electron's headers, fetched by node-gyp from electronjs.org on first use.
import { execFileSync } from 'node:child_process';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO_ROOT } from './electron-binary.js';

const target = join(REPO_ROOT, 'build-electron', 'better_sqlite3.node');
const electronVersion = JSON.parse(readFileSync(join(REPO_ROOT, 'node_modules', 'electron', 'package.json'), 'utf8')).version;

if (existsSync(target) && !process.argv.includes('--force')) {
  console.log(`better-sqlite3 for Electron ${electronVersion} is already built: ${target}`);
  process.exit(0);
}

const work = mkdtempSync(join(tmpdir(), 'faultline-sqlite-electron-'));
try {
  cpSync(join(REPO_ROOT, 'node_modules', 'better-sqlite3'), work, { recursive: true });
  rmSync(join(work, 'build'), { recursive: true, force: true });
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (about a minute)...`);
  execFileSync(
    'npx',
    ['--yes', 'node-gyp', 'rebuild', '--release', '--runtime=electron', `--target=${electronVersion}`, '--dist-url=https://electronjs.org/headers'],
    { cwd: work, stdio: 'inherit' },
  );
  mkdirSync(join(REPO_ROOT, 'build-electron'), { recursive: true });
  copyFileSync(join(work, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`Built ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
