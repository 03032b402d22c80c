#!/usr/bin/env node
// Electron embeds its own Node with another native ABI, so better-sqlite3's addon built for
// Node (which the tests use) cannot load inside Electron. This builds a second copy for
// Electron into build-electron/, which engine/journal/open-journal.ts loads only in Electron.
// Uses @electron/rebuild (a pinned devDependency), which fetches Electron's headers from
// electronjs.org on first use. It builds in a scratch copy: rebuilding node_modules in place
// would replace the Node build that the CLI and the tests load.
import { rebuild } from '@electron/rebuild';
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
  const module = join(work, 'node_modules', 'better-sqlite3');
  cpSync(join(REPO_ROOT, 'node_modules', 'better-sqlite3'), module, { recursive: true });
  rmSync(join(module, 'build'), { recursive: true, force: true });
  writeFileSync(
    join(work, 'package.json'),
    JSON.stringify({ name: 'faultline-electron-sqlite', private: true, dependencies: { 'better-sqlite3': '*' } }),
  );
  console.log(`Building better-sqlite3 for Electron ${electronVersion} (about a minute)...`);
  await rebuild({ buildPath: work, electronVersion, onlyModules: ['better-sqlite3'], force: true });
  mkdirSync(join(REPO_ROOT, 'build-electron'), { recursive: true });
  copyFileSync(join(module, 'build', 'Release', 'better_sqlite3.node'), target);
  console.log(`Built ${target}`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
