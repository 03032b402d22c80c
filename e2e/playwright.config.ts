import { defineConfig } from '@playwright/test';

/**
 * Browser-mode e2e runs in Debian's Chromium (never a downloaded browser) against the real
 * engine started by `faultline serve`; the Electron spec runs where Electron's binary exists.
 */
export default defineConfig({
  testDir: '.',
  outputDir: '../test-results/e2e',
  timeout: 150_000,
  expect: { timeout: 20_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  use: {
    viewport: { width: 1600, height: 1000 },
    screenshot: 'only-on-failure',
    // The app's dark theme, as most screenshots show it; the workspace test switches to light.
    colorScheme: 'dark',
    trace: 'off',
  },
  projects: [
    {
      name: 'browser',
      testMatch: /.*\.browser\.spec\.ts/,
      use: {
        browserName: 'chromium',
        launchOptions: {
          executablePath: '/usr/bin/chromium',
          args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
        },
      },
    },
    { name: 'electron', testMatch: /.*\.electron\.spec\.ts/ },
  ],
});
