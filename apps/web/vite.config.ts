import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import solid from 'vite-plugin-solid';

const coreUi = fileURLToPath(new URL('../../core/src/ui.ts', import.meta.url));
const api = process.env.BUREAU_API ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [solid()],
  resolve: {
    // core/src/ui and plugins/*/src/ui import these too: one copy, resolved from this app.
    dedupe: ['solid-js', '@solidjs/router', '@kobalte/core'],
    alias: [{ find: /^@bureau\/core\/ui$/, replacement: coreUi }],
  },
  server: {
    host: '127.0.0.1',
    port: 5173,
    proxy: {
      '/api': { target: api, changeOrigin: false },
      '/healthz': { target: api },
      '/readyz': { target: api },
    },
  },
  build: {
    outDir: 'dist',
    target: 'es2022',
    manifest: true,
    sourcemap: false,
    reportCompressedSize: false,
    chunkSizeWarningLimit: 300,
  },
});
