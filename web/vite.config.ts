import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const webRoot = path.dirname(fileURLToPath(import.meta.url));

/** The dashboard: root web/, built into web/dist with hashed file names; the dev server proxies /api. */
export default defineConfig({
  root: webRoot,
  base: '/',
  // The domain vocabulary lives in domain/ and the registry in sql/regions; allow imports from there.
  server: {
    fs: { allow: [path.resolve(webRoot, '..')] },
    proxy: { '/api': { target: 'http://localhost:3000', changeOrigin: true } },
  },
  build: {
    outDir: path.join(webRoot, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    assetsDir: 'assets',
    sourcemap: false,
    chunkSizeWarningLimit: 700,
  },
});
