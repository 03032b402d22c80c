import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FaultlineBridge } from '../electron/bridge-api.js';
import { electronBinary, REPO_ROOT } from '../scripts/electron-binary.js';
import { screenshot } from './fixtures.js';

const binary = electronBinary();
// The list reporter shows a skip as a dash; say why on the console as well, never silently.
if ('missing' in binary) console.log(`[electron e2e] SKIPPED: ${binary.missing}`);
/** Every function the preload exposes, sorted: the compiler checks each is the bridge's. */
const BRIDGE_FUNCTIONS = ['command', 'exportGif', 'onEvents', 'openPipeline', 'pickPhoto', 'savePipeline'] satisfies (keyof FaultlineBridge)[];

test.describe('desktop app', () => {
  test.skip('missing' in binary, `Electron e2e skipped: ${'missing' in binary ? binary.missing : ''}`);

  test('opens the sample graph in a sandboxed window whose IPC refuses bad payloads', async () => {
    if (!('path' in binary)) return;
    const dataDir = mkdtempSync(join(tmpdir(), 'faultline-electron-'));
    const app = await electron.launch({
      executablePath: binary.path,
      args: [join(REPO_ROOT, 'dist', 'electron', 'main.js')],
      cwd: REPO_ROOT,
      env: { ...process.env, FAULTLINE_DATA_DIR: dataDir },
    });
    try {
      const page = await app.firstWindow();
      await expect(page.getByTestId('app')).toHaveAttribute('data-loaded', 'true');
      await expect(page.getByTestId('op-node').first()).toBeVisible();

      // The page has no Node, and the bridge has named functions only.
      expect(await page.evaluate('typeof require')).toBe('undefined');
      expect(await page.evaluate(() => Object.keys(window.faultline ?? {}).sort())).toEqual(BRIDGE_FUNCTIONS);
      // What a script injected into the page could send: plain JavaScript, which no type stops.
      const refused = await page.evaluate("window.faultline.command('graph.addNode', { op: 5 })");
      expect(refused).toMatchObject({ ok: false, error: { kind: 'invalid_payload' } });
      const unknown = await page.evaluate("window.faultline.command('fs.read', { path: '/etc/passwd' })");
      expect(unknown).toMatchObject({ ok: false, error: { kind: 'unknown_command' } });

      await page.getByTestId('run-start').click();
      await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'completed', { timeout: 120_000 });
      await screenshot(page, 'electron');
    } finally {
      await app.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
