import { defineConfig } from 'vitest/config';

// `npm run test:package`: the packaging check (scripts/packaging/package.check.ts), kept out of the
// unit suite because it runs electron-builder on the built app (npm test runs it after the build).
export default defineConfig({
  test: {
    include: ['scripts/packaging/**/*.check.ts'],
    environment: 'node',
    testTimeout: 300_000,
    hookTimeout: 600_000,
  },
});
