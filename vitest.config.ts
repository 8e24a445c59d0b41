import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['scripts/**/*.test.ts', 'shared/**/*.test.ts', 'main/**/*.test.ts', 'renderer/**/*.test.ts', 'renderer/**/*.test.tsx'],
    environment: 'node',
    // A ceiling, not a wait: tests that drive real git, child processes or a thousand fuzz cases
    // took over 20 s on a 2-core machine under load (~20) and failed though nothing was wrong.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
