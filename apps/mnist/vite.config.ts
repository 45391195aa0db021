import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { ISOLATION_HEADERS } from 'neurite';

// The web page: `web/` is the site's root, the build goes to dist/web (beside the CLI's files in
// dist/). base './' so the folder works from any path of any static host. Paths are absolute so
// the config works from any working directory (the tests start `vite preview` from their own).
export default defineConfig({
  root: fileURLToPath(new URL('./web', import.meta.url)),
  base: './',
  build: {
    outDir: fileURLToPath(new URL('./dist/web', import.meta.url)),
    emptyOutDir: true,
    // The ten chunks of embedded digits (the `mnist` package's JSON, about 2 MB each) are the only
    // ones this large; they load in the training worker, once.
    chunkSizeWarningLimit: 2_600,
  },
  // The training worker imports modules: bundle it as an ES module worker.
  worker: { format: 'es' },
  // Cross-origin isolation (COOP/COEP) lets the worker-pool backend share memory between threads.
  server: { headers: { ...ISOLATION_HEADERS } },
  preview: { headers: { ...ISOLATION_HEADERS } },
});
