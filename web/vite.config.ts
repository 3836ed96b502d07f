import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string): string => new URL(`../${path}`, import.meta.url).pathname;

// The gateway serves dist/ at '/', so every asset (dkfds' CSS, fonts and icons included) is bundled: no CDN.
export default defineConfig({
  plugins: [react()],
  // dkfds exports only its script; its stylesheet, fonts and icons are reached through this alias (the workspace
  // installs dkfds in the repository's node_modules).
  // The shared package, the chaincode's pure core and the gateway's catalogue are imported by package name from
  // their sources, as web/tsconfig.json's paths say.
  resolve: {
    alias: {
      'dkfds-dist': fromRoot('node_modules/dkfds/dist'),
      '@fabric-agreements/api': fromRoot('packages/agreements-api/src/index.ts'),
      'agreements-chaincode': fromRoot('chaincode/src'),
      'agreements-gateway': fromRoot('gateway/src'),
    },
  },
  base: '/',
  build: { outDir: 'dist', assetsInlineLimit: 0, sourcemap: false },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
