import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The gateway serves dist/ at '/', so every asset (dkfds' CSS, fonts and icons included) is bundled: no CDN.
export default defineConfig({
  plugins: [react()],
  // dkfds exports only its script; its stylesheet, fonts and icons are reached through this alias (the workspace
  // installs dkfds in the repository's node_modules).
  resolve: { alias: { 'dkfds-dist': new URL('../node_modules/dkfds/dist', import.meta.url).pathname } },
  base: '/',
  build: { outDir: 'dist', assetsInlineLimit: 0, sourcemap: false },
  test: {
    environment: 'happy-dom',
    include: ['src/**/*.test.{ts,tsx}'],
    css: false,
  },
});
