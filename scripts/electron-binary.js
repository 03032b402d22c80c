// Where Electron's binary is, found without `require('electron')`: that require starts a
// download when the binary is missing, and some machines (CI sandboxes) have no network.
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO_ROOT = fileURLToPath(new URL('..', import.meta.url));

/** @returns {{ path: string } | { missing: string }} */
export function electronBinary() {
  const pkg = join(REPO_ROOT, 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  if (!existsSync(pathFile)) {
    return { missing: `${pathFile} does not exist: Electron's binary was never downloaded (it is fetched on first use, which needs the network)` };
  }
  const binary = join(pkg, 'dist', readFileSync(pathFile, 'utf8').trim());
  return existsSync(binary) ? { path: binary } : { missing: `${binary} does not exist` };
}
