import { resolve } from 'node:path';
import { defineConfig } from 'vite';

// Served by the boxoffice server at /app/ (fan app) and /app/operator/ (operator console), two
// pages so a fan never downloads the console's charting code; `vite` (dev) proxies the API to a
// server on :4000.
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: { input: { fan: resolve(import.meta.dirname, 'index.html'), operator: resolve(import.meta.dirname, 'operator', 'index.html') } },
  },
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
      '/app/dev-token': 'http://localhost:4000',
    },
  },
});
