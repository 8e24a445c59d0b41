import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The component-level bench page (`npm run bench`, scripts/bench-view.mjs): a separate entry built
// into dist/bench-view, never part of the app bundle in dist/renderer.
export default defineConfig({
  root: 'renderer/bench-view',
  base: './',
  plugins: [react()],
  build: {
    outDir: '../../dist/bench-view',
    emptyOutDir: true,
    chunkSizeWarningLimit: 4000,
  },
});
