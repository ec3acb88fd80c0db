import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// Built by `vite build web` (root = web/); the server serves dist/web from the package.
export default defineConfig({
  plugins: [react()],
  base: '/',
  build: { outDir: '../dist/web', emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/v1': 'http://127.0.0.1:7070' } },
});
