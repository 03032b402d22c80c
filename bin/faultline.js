#!/usr/bin/env node
// Thin launcher: the CLI is compiled TypeScript under dist/ (npm run build:engine).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/engine/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('faultline: the engine is not built yet. Run `npm run build:engine` first.');
  process.exit(2);
}
await import(entry.href);
