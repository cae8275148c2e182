import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

// The console is built into dist/console, which `npm start` serves on port 8080 (tools/src/console-server.ts).
export default defineConfig({
  root: import.meta.dirname,
  plugins: [react()],
  build: {
    outDir: '../../dist/console',
    emptyOutDir: true,
    // The budget is checked by the build's own report (tools/console-build.mjs), not by a warning here.
    chunkSizeWarningLimit: 2000,
  },
  server: { port: 5173 },
  test: {
    environment: 'jsdom',
    include: ['test/**/*.test.{ts,tsx}'],
    setupFiles: ['test/setup.ts'],
  },
});
