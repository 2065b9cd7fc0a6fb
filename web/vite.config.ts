import { defineConfig } from 'vite';

// Served by the boxoffice server at /app/; `vite` (dev) proxies the API to a server on :4000.
export default defineConfig({
  root: import.meta.dirname,
  base: '/app/',
  build: { outDir: 'dist', emptyOutDir: true },
  server: {
    proxy: {
      '/graphql': { target: 'http://localhost:4000', ws: true },
      '/app/dev-token': 'http://localhost:4000',
    },
  },
});
