import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config';

// The renderer's own Vite config (root, the @contract alias), so tests resolve modules as the
// build does. The store and transports need no DOM: node is enough and starts fast.
export default mergeConfig(
  viteConfig,
  defineConfig({
    test: {
      include: ['src/**/*.test.ts'],
      environment: 'node',
    },
  }),
);
