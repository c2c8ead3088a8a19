import react from '@vitejs/plugin-react';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const here = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  root: here,
  base: './',
  plugins: [react()],
  build: { outDir: path.join(here, '../dist-renderer'), emptyOutDir: true, sourcemap: true },
  server: { proxy: { '/contract': { target: 'ws://127.0.0.1:7400', ws: true } } },
});
